import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { liveContentResponse } from '../../canvas/schema.js'
import { OPEN_LEADERBOARD } from '../../canvas/screens/contest-rank.js'
import { contestInput } from '../../src/contests/contest-settings.js'
import { createContest } from '../../src/contests/contests.js'
import { instantToLocalTime } from '../../src/contests/time-zone.js'
import type { AppContext } from '../../src/context.js'
import { encryptSheetUser } from '../../src/http/canvas/sheet-crypto.js'
import { getDefaultCampaign } from '../../src/ledger/campaigns.js'
import { attributeReferral, qualifyReferral } from '../../src/ledger/referrals.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import { ensureWorkspace, findWorkspace } from '../../src/ledger/workspaces.js'
import { sheetSeal } from '../../src/http/canvas-signer.js'
import { TEST_CLIENT_SECRET, testApp } from '../support/app.js'
import { newWorkspaceId } from '../support/db.js'
import { SYSTEM } from '../support/ledger.js'
import { type Contact, inboxInitialize, liveCanvas, newContact } from '../canvas/payloads.js'
import { byId, postSigned, tableValue, textOf } from '../canvas/request.js'

const DAY = 86_400_000

describe('contests where referrers are: card, sheet, Inbox', () => {
  let app: Express
  let ctx: AppContext
  const workspaceId = newWorkspaceId()
  const people: Contact[] = []
  beforeAll(async () => {
    ;({ app, ctx } = await testApp())
    await ensureWorkspace(ctx.db, { id: workspaceId })
    const campaign = await getDefaultCampaign(ctx.db, workspaceId)
    await createContest(
      ctx.db,
      workspaceId,
      contestInput.parse({
        name: 'Spring sprint',
        campaignId: campaign.id,
        startsAt: instantToLocalTime(new Date(Date.now() - DAY), 'Europe/Berlin'),
        endsAt: instantToLocalTime(new Date(Date.now() + DAY), 'Europe/Berlin'),
        timeZone: 'Europe/Berlin',
        topN: 3,
        topPrize: { kind: 'points', points: 500 },
      }),
      SYSTEM,
    )
    // Eleven referrers with one qualified friend each (two for the first): ties go to whoever got
    // there first, so the order is the order they qualified in.
    for (let i = 0; i < 11; i++) {
      const contact = newContact(`Person${i} Surname${i}`)
      people.push(contact)
      const { referrer } = await ensureReferrer(ctx.db, {
        workspaceId,
        campaign,
        person: { contactId: contact.id, email: contact.email, name: contact.name },
        source: 'api',
        actor: SYSTEM,
      })
      for (let f = 0; f < (i === 0 ? 2 : 1); f++) {
        const { referral } = await attributeReferral(ctx.db, {
          workspaceId,
          referrer: { referrerId: referrer.id },
          friend: {
            contactId: `friend_${i}_${f}_${contact.id}`,
            email: `f${f}.${contact.id}@example.org`,
            name: 'Fran Smith',
          },
          source: 'api',
          actor: SYSTEM,
        })
        await qualifyReferral(ctx.db, { workspaceId, referralId: referral.id, actor: SYSTEM })
      }
    }
  })

  it('the card shows the rank and the gap to the place above, and opens the top 10', async () => {
    const res = await postSigned(
      app,
      '/canvas/messenger/live',
      liveCanvas(workspaceId, people[4]!, {}, 'en'),
    )
    expect(res.status).toBe(200)
    liveContentResponse.parse(res.body)
    expect(textOf(res.body)).toContain('Contest: #5 · 1 more to pass #4')
    expect(byId(res.body, OPEN_LEADERBOARD)?.action).toEqual({
      type: 'sheet',
      url: `https://referrals.example.test/canvas/messenger/sheet/leaderboard?seal=${encodeURIComponent(sheetSeal(ctx.config, workspaceId, people[4]!.id))}`,
    })
    const leader = await postSigned(
      app,
      '/canvas/messenger/live',
      liveCanvas(workspaceId, people[0]!, {}, 'de'),
    )
    expect(textOf(leader.body)).toContain('Wettbewerb: Du bist #1. Weiter so!')
  })

  it("the Inbox panel shows the contact's rank", async () => {
    const res = await postSigned(
      app,
      '/canvas/inbox/initialize',
      inboxInitialize(workspaceId, people[2]!),
    )
    expect(res.status).toBe(200)
    expect(tableValue(res.body, 'Contest')).toBe('Spring sprint: #3 (1)')
  })

  function postSheet(contact: Contact, workspace: string, seal: string | null) {
    const query = seal === null ? '' : `?seal=${encodeURIComponent(seal)}`
    return request(app)
      .post(`/canvas/messenger/sheet/leaderboard${query}`)
      .type('form')
      .send({
        intercom_data: JSON.stringify({
          workspace_id: workspace,
          context: { locale: 'en' },
          user: encryptSheetUser(
            { type: 'user', id: contact.id, email: contact.email },
            TEST_CLIENT_SECRET,
          ),
        }),
      })
  }

  async function openSheet(contact: Contact) {
    const res = await postSheet(
      contact,
      workspaceId,
      sheetSeal(ctx.config, workspaceId, contact.id),
    )
    expect(res.status).toBe(200)
    return res
  }

  it('the sheet opens only with the seal of the card, and never creates a workspace', async () => {
    const contact = people[3]!
    expect((await postSheet(contact, workspaceId, null)).status).toBe(403)
    const otherSeal = sheetSeal(ctx.config, workspaceId, people[2]!.id)
    expect((await postSheet(contact, workspaceId, otherSeal)).status).toBe(403)
    const victim = newWorkspaceId()
    const victimSeal = sheetSeal(ctx.config, victim, contact.id)
    expect((await postSheet(contact, victim, victimSeal)).status).toBe(404)
    expect(await findWorkspace(ctx.db, victim)).toBeNull()
  })

  it('the sheet lists the top 10 by first name and initial, never an e-mail', async () => {
    const res = await openSheet(people[10]!)
    expect(res.headers['x-frame-options']).toBeUndefined()
    const names = [
      ...res.text.matchAll(/<tr[^>]*><td class="num">(\d+)<\/td><td>([^<]*)<\/td>/g),
    ].map((m) => [Number(m[1]), m[2]])
    expect(names).toHaveLength(10)
    expect(names[0]).toEqual([1, 'Person0 S.'])
    expect(names[9]).toEqual([10, 'Person9 S.'])
    expect(res.text).not.toMatch(/@example\.(com|org)/)
    expect(res.text).toContain('You are #11 with 1.')
  })

  it('a referrer can hide their name; a forged form is refused', async () => {
    const sheet = await openSheet(people[1]!)
    const fields = Object.fromEntries(
      [...sheet.text.matchAll(/<input type="hidden" name="(\w+)" value="([^"]*)">/g)].map((m) => [
        m[1],
        m[2],
      ]),
    )
    expect(fields.hidden).toBe('true')
    const hidden = await request(app)
      .post('/canvas/messenger/sheet/leaderboard/name')
      .type('form')
      .send(fields)
    expect(hidden.status).toBe(200)
    expect(hidden.text).toContain('<td>Name hidden (You)</td>')
    expect(hidden.text).toContain('Show my name on the leaderboard')
    const forged = await request(app)
      .post('/canvas/messenger/sheet/leaderboard/name')
      .type('form')
      .send({ ...fields, participant: '00000000-0000-4000-8000-000000000000' })
    expect(forged.status).toBe(401)
    expect(forged.text).not.toMatch(/at .*\.ts/)
  })
})
