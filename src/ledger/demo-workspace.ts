import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { createCampaign, getDefaultCampaign, updateCampaign } from './campaigns.js'
import type { Db } from './db-types.js'
import { recordLinkClick } from './link-clicks.js'
import { attributeReferral, qualifyReferral, rejectReferral } from './referrals.js'
import { ensureReferrer, resolveCode } from './referrers.js'
import { recordShareEvent } from './share-events.js'
import { decideReward, issueReward } from './rewards.js'
import type { Actor, Workspace } from './types.js'
import { ensureWorkspace } from './workspaces.js'

/**
 * A demo workspace lets a marketer look around before Intercom is connected. Its id says what it
 * is: Intercom's workspace ids are letters and digits, never a hyphen, so `demo-…` cannot collide
 * with a real one, and only such a workspace may be removed in one click.
 */
export const DEMO_PREFIX = 'demo-'
export const DEMO_NAME = 'Demo workspace (sample data)'

export function isDemoWorkspace(id: string): boolean {
  return id.startsWith(DEMO_PREFIX)
}

const DEMO_ACTOR: Actor = { type: 'system' }

const REFERRERS = [
  { name: 'Ada Lovelace', friends: ['Grace Hopper', 'Alan Turing', 'Edsger Dijkstra'] },
  { name: 'Katherine Johnson', friends: ['Dorothy Vaughan', 'Mary Jackson'] },
  { name: 'Margaret Hamilton', friends: ['Barbara Liskov'] },
  { name: 'Linus Pauling', friends: [] },
] as const

function email(name: string): string {
  return `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`
}

/**
 * A workspace with sample referrers, referrals (pending, qualified, one held for review and one
 * rejected), clicks and rewards (waiting, approved, paid), spread over the last two weeks so the
 * overview has a shape. Example addresses only (example.com), never real people.
 */
export async function createDemoWorkspace(db: Db): Promise<Workspace> {
  const id = `${DEMO_PREFIX}${randomBytes(4).toString('hex')}`
  const workspace = await ensureWorkspace(db, { id, name: DEMO_NAME })
  const campaign = await getDefaultCampaign(db, id)
  let serial = 0
  for (const [r, person] of REFERRERS.entries()) {
    const { referrer, participant } = await ensureReferrer(db, {
      workspaceId: id,
      person: { contactId: `demo-contact-${r}`, email: email(person.name), name: person.name },
      source: 'api',
      actor: DEMO_ACTOR,
    })
    const resolved = await resolveCode(db, id, referrer.code)
    for (let click = 0; click < 3 + 2 * person.friends.length && resolved; click++)
      await recordLinkClick(db, { resolved, visitorHash: `demo-${r}-${click}` })
    // How they shared: each opened the share sheet, then used a channel or two.
    for (const channel of DEMO_CHANNELS.slice(0, 2 + (r % 3)))
      await recordShareEvent(db, {
        workspaceId: id,
        campaignId: campaign.id,
        referrerId: referrer.id,
        channel,
      })
    for (const [f, friendName] of person.friends.entries()) {
      serial += 1
      const flagged = serial === 5
      const { referral } = await attributeReferral(db, {
        workspaceId: id,
        referrer: { referrerId: referrer.id },
        friend: { contactId: `demo-friend-${serial}`, email: email(friendName), name: friendName },
        source: f % 2 === 0 ? 'link' : 'invite',
        actor: DEMO_ACTOR,
        reviewReason: flagged ? 'The friend signed up from the same device as the referrer.' : null,
      })
      if (serial === 3)
        await rejectReferral(db, {
          workspaceId: id,
          referralId: referral.id,
          actor: DEMO_ACTOR,
          reason: 'The friend was already a customer.',
        })
      if (f > 0) continue
      // The first friend of each referrer qualified and earned a reward: one waits for review,
      // one is approved, one paid.
      await qualifyReferral(db, { workspaceId: id, referralId: referral.id, actor: DEMO_ACTOR })
      const { reward } = await db.transaction().execute((trx) =>
        issueReward(trx, {
          workspaceId: id,
          campaignId: campaign.id,
          referralId: referral.id,
          participantId: participant.id,
          recipientRole: 'referrer',
          kind: 'fixed',
          amountMinor: 2000,
          currency: 'USD',
          description: '$20 credit',
          idempotencyKey: `demo:${referral.id}:referrer`,
          actor: DEMO_ACTOR,
        }),
      )
      for (const to of (['approved', 'fulfilled'] as const).slice(0, r))
        await decideReward(db, { workspaceId: id, rewardId: reward.id, to, actor: DEMO_ACTOR })
    }
  }
  await spreadOverTwoWeeks(db, id)
  // The rules come last: set before, they would issue rewards of their own as friends qualify.
  await updateCampaign(db, {
    workspaceId: id,
    campaignId: campaign.id,
    actor: DEMO_ACTOR,
    settings: {
      rewards: {
        rules: [
          {
            id: 'demo-referrer',
            kind: 'fixed',
            recipient: 'referrer',
            amountMinor: 2000,
            currency: 'USD',
          },
          {
            id: 'demo-friend',
            kind: 'fixed',
            recipient: 'friend',
            amountMinor: 1000,
            currency: 'USD',
          },
        ],
      },
    },
  })
  // A second campaign, set up but not live yet: the one to walk through the set-up steps.
  const draft = await createCampaign(db, {
    workspaceId: id,
    name: 'Summer promotion',
    actor: DEMO_ACTOR,
    settings: {
      rewards: {
        rules: [
          {
            id: 'demo-summer',
            kind: 'fixed',
            recipient: 'both',
            amountMinor: 1500,
            currency: 'USD',
          },
        ],
      },
    },
  })
  await updateCampaign(db, {
    workspaceId: id,
    campaignId: draft.id,
    status: 'paused',
    actor: DEMO_ACTOR,
  })
  return workspace
}

const DEMO_CHANNELS = ['sheet', 'copy', 'whatsapp', 'email'] as const

/** Sample rows all made "now" would draw a single spike: each gets a day of the last two weeks. */
async function spreadOverTwoWeeks(db: Db, workspaceId: string): Promise<void> {
  const back = sql<Date>`now() - make_interval(days => (abs(hashtext(id::text)) % 14))`
  await db
    .updateTable('link_clicks')
    .set({ clicked_at: sql<Date>`now() - make_interval(days => (id % 14)::int)` })
    .where('workspace_id', '=', workspaceId)
    .execute()
  await db
    .updateTable('share_events')
    .set({ created_at: sql<Date>`now() - make_interval(days => (id % 14)::int)` })
    .where('workspace_id', '=', workspaceId)
    .execute()
  await sql`update referrals set created_at = ${back} where workspace_id = ${workspaceId}`.execute(
    db,
  )
}

/**
 * Removes a demo workspace and every row of it. Which tables hold workspace rows is read from the
 * database itself, so a table added later is covered too; the order follows the foreign keys by
 * trying each table and leaving for a later pass those whose rows are still referenced.
 */
export async function removeDemoWorkspace(db: Db, workspaceId: string): Promise<boolean> {
  if (!isDemoWorkspace(workspaceId)) return false
  return db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('workspaces')
      .select('id')
      .where('id', '=', workspaceId)
      .forUpdate()
      .executeTakeFirst()
    if (!found) return false
    // The one way past the ledger's append-only guard (see the demo-removal migration).
    await sql`select set_config('referrals.demo_removal_workspace', ${workspaceId}, true)`.execute(
      trx,
    )
    const { rows } = await sql<{ table_name: string }>`
      select table_name from information_schema.columns
      where table_schema = current_schema() and column_name = 'workspace_id'
        and table_name <> 'workspaces'
      order by table_name`.execute(trx)
    let pending = rows.map((row) => row.table_name)
    while (pending.length > 0) {
      const blocked: string[] = []
      for (const table of pending) {
        await sql`savepoint remove_demo`.execute(trx)
        try {
          await sql`delete from ${sql.table(table)} where workspace_id = ${workspaceId}`.execute(
            trx,
          )
          await sql`release savepoint remove_demo`.execute(trx)
        } catch (error) {
          if ((error as { code?: unknown }).code !== '23503') throw error
          await sql`rollback to savepoint remove_demo`.execute(trx)
          blocked.push(table)
        }
      }
      if (blocked.length === pending.length)
        throw new Error(
          `cannot remove the demo workspace: rows of ${blocked.join(', ')} are still referenced`,
        )
      pending = blocked
    }
    await trx.deleteFrom('workspaces').where('id', '=', workspaceId).execute()
    return true
  })
}
