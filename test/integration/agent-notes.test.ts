import { afterEach, describe, expect, it } from 'vitest'
import { INBOX } from '../../canvas/component-ids.js'
import { ensureReferrer, resolveCodeAnywhere } from '../../src/ledger/referrers.js'
import { startServer, type RunningServer } from '../../src/server.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { testConfig } from '../support/app.js'
import { signedCanvas } from '../support/intercom.js'
import { eventually, installThroughOAuth } from '../support/intercom-install.js'

let running: { fake: FakeIntercom; sut: RunningServer } | null = null

afterEach(async () => {
  await running?.sut.close()
  await running?.fake.close()
  running = null
})

async function installed(workspaceId: string) {
  const fake = await startFakeIntercom({ workspaceId })
  const sut = await startServer(
    testConfig({ INTERCOM_API_BASE_URL: fake.url, INTERCOM_BACKFILL: 'off' }),
    { host: '127.0.0.1' },
  )
  running = { fake, sut }
  const outcome = await installThroughOAuth(sut.url)
  expect(outcome.location.searchParams.get('install_success')).toBe('true')
  return { fake, sut }
}

type Canvas = {
  canvas: {
    content: { components: Array<Record<string, unknown>> }
    stored_data?: Record<string, unknown>
  }
}

/** An agent working in the Inbox panel of one conversation, as Intercom would post it. */
function agent(
  sut: RunningServer,
  workspaceId: string,
  who: {
    admin: { id: string; name: string }
    conversationId: string
    contact: Record<string, unknown>
  },
) {
  return async (
    componentId: string | null,
    stored: Record<string, unknown> = {},
    inputs: Record<string, unknown> = {},
  ): Promise<Canvas> => {
    const path = componentId ? '/canvas/inbox/submit' : '/canvas/inbox/initialize'
    const { raw, headers } = signedCanvas({
      workspace_id: workspaceId,
      admin: { type: 'admin', ...who.admin },
      conversation: { type: 'conversation', id: who.conversationId },
      contact: who.contact,
      context: { locale: 'en', location: 'conversation' },
      ...(componentId
        ? {
            component_id: componentId,
            input_values: inputs,
            current_canvas: { content: { components: [] }, stored_data: stored },
          }
        : {}),
    })
    const response = await fetch(`${sut.url}${path}`, { method: 'POST', headers, body: raw })
    expect(response.status).toBe(200)
    return (await response.json()) as Canvas
  }
}

const textOf = (canvas: Canvas) => JSON.stringify(canvas.canvas.content.components)

describe("agents' actions on the record", { timeout: 180_000 }, () => {
  it('notes each action on the right conversation in the agent’s name, through a 429 storm', async () => {
    const workspaceId = 'wsnotes01'
    const { fake, sut } = await installed(workspaceId)
    const alice = fake.controls.addAdmin('Alice Agent', 'alice@support.test')
    const rita = fake.controls.addContact({
      role: 'user',
      email: 'rita@acme.test',
      name: 'Rita Referrer',
    })
    const other = fake.controls.addContact({ role: 'user', email: 'otto@acme.test', name: 'Otto' })
    const conversation = fake.controls.addConversation(rita.id)
    const elsewhere = fake.controls.addConversation(other.id)
    const act = agent(sut, workspaceId, {
      admin: { id: alice.id, name: alice.name },
      conversationId: conversation.id,
      contact: { type: 'user', id: rita.id, email: rita.email, name: rita.name },
    })

    const panel = await act(null)
    expect(textOf(panel)).toContain('More actions')
    fake.controls.force429({ forMs: 4_000 })

    // A manual reward, then voiding it with a reason.
    const form = await act(INBOX.issueReward)
    const issued = await act(INBOX.saveReward, form.canvas.stored_data, {
      [INBOX.rewardUnit]: 'USD',
      [INBOX.rewardAmount]: '10',
      [INBOX.rewardDescription]: 'Goodwill',
    })
    expect(textOf(issued)).toContain('Reward issued.')
    const list = await act(INBOX.voidReward, { screen: 'more' })
    const item = list.canvas.content.components.find((c) => c.type === 'list') as {
      items: Array<{ id: string }>
    }
    const chosen = await act(item.items[0]!.id, list.canvas.stored_data)
    const voided = await act(INBOX.voidConfirm, chosen.canvas.stored_data, {
      [INBOX.actionReason]: 'Issued by mistake',
    })
    expect(textOf(voided)).toContain('Reward voided.')

    // A new code, the old one disabled; then blocking the referrer.
    const { code: oldCode } = await sut.ctx.db
      .selectFrom('referral_codes')
      .select('code')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    const renewed = await act(
      INBOX.newCode,
      { screen: 'more' },
      {
        [INBOX.disableOld]: [INBOX.disableOldYes],
        [INBOX.actionReason]: 'Link posted on a coupon site',
      },
    )
    expect(textOf(renewed)).toContain('New code issued.')
    expect(await resolveCodeAnywhere(sut.ctx.db, oldCode)).toBeNull()
    const refusal = await act(INBOX.block, { screen: 'more' }, {})
    expect(textOf(refusal)).toContain('Blocking a referrer needs a reason.')
    const blocked = await act(
      INBOX.block,
      { screen: 'more' },
      {
        [INBOX.actionReason]: 'Self-referrals with throwaway emails',
      },
    )
    expect(textOf(blocked)).toContain('Blocked: Self\\\\-referrals with throwaway emails')

    // Four notes, each once, on Rita's conversation, by Alice; none anywhere else.
    const notes = await eventually(() => {
      const parts = conversation.parts.filter((p) => p.part_type === 'note')
      return parts.length >= 4 ? parts : undefined
    }, 'four notes')
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(conversation.parts).toHaveLength(4)
    expect(elsewhere.parts).toHaveLength(0)
    expect(notes.every((n) => n.author.type === 'admin' && n.author.id === alice.id)).toBe(true)
    // Each note once (the order between them follows Intercom's rate limit, not the clicks).
    const noteWith = (text: string) => {
      const found = notes.filter((n) => n.body.includes(text))
      expect(found, text).toHaveLength(1)
      return found[0]!.body
    }
    noteWith('Reward issued to Rita Referrer (rita@acme.test): $10.00 (Goodwill).')
    expect(noteWith('Reward voided for Rita Referrer (rita@acme.test)')).toContain(
      'Reason: Issued by mistake',
    )
    expect(noteWith(`The old code ${oldCode} no longer works.`)).toContain(
      'Reason: Link posted on a coupon site',
    )
    expect(noteWith('Referrer blocked: Rita Referrer (rita@acme.test).')).toContain(
      'Reason: Self-referrals with throwaway emails',
    )
    expect(fake.state.requests.some((r) => r.status === 429)).toBe(true)

    // The void told Rita too, through the data-event pipeline.
    const reversed = await eventually(
      () => fake.state.events.find((e) => e.event_name === 'referral-reward-reversed'),
      'referral-reward-reversed',
    )
    expect(reversed).toMatchObject({
      contact_id: rita.id,
      metadata: { amount: '10.00', currency: 'USD', reason: 'Issued by mistake' },
    })
  })

  it('notes adding "referred by", qualifying and rejecting, with the reason', async () => {
    const workspaceId = 'wsnotes03'
    const { fake, sut } = await installed(workspaceId)
    const rita = fake.controls.addContact({ role: 'user', email: 'rita@acme.test', name: 'Rita' })
    const fred = fake.controls.addContact({ role: 'user', email: 'fred@other.test', name: 'Fred' })
    const { referrer } = await ensureReferrer(sut.ctx.db, {
      workspaceId,
      person: { contactId: rita.id, email: rita.email, name: rita.name },
      source: 'api',
      actor: { type: 'system' },
    })
    const ritaCode = referrer.code
    const conversation = fake.controls.addConversation(fred.id)
    const act = agent(sut, workspaceId, {
      admin: { id: '991267460', name: 'Fake Admin' },
      conversationId: conversation.id,
      contact: { type: 'user', id: fred.id, email: fred.email, name: fred.name },
    })
    await act(null)
    await act(INBOX.addReferredBy)
    const saved = await act(
      INBOX.saveReferredBy,
      { screen: 'referred_by' },
      {
        [INBOX.referredByInput]: ritaCode,
      },
    )
    expect(textOf(saved)).toContain('Referral recorded.')
    const review = await act(INBOX.reviewReferredBy)
    await act(INBOX.qualify, review.canvas.stored_data)
    await act(INBOX.reject, review.canvas.stored_data, {
      [INBOX.rejectReason]: 'Same company as the referrer',
    })
    const notes = await eventually(() => {
      const parts = conversation.parts.filter((p) => p.part_type === 'note')
      return parts.length >= 3 ? parts : undefined
    }, 'three notes')
    const bodies = notes.map((n) => n.body).join('\n')
    expect(bodies).toContain(
      `Added “referred by”: Fred (fred@other.test) was referred by Rita (rita@acme.test) (code ${ritaCode}).`,
    )
    expect(bodies).toContain('Referral qualified: Fred (fred@other.test), referred by Rita')
    expect(bodies).toContain('Referral rejected: Fred (fred@other.test), referred by Rita')
    expect(bodies).toContain('Reason: Same company as the referrer')
    expect(notes.every((n) => n.author.id === '991267460')).toBe(true)
  })

  it('keeps the change when the note cannot be written, and says why', async () => {
    const workspaceId = 'wsnotes02'
    const { fake, sut } = await installed(workspaceId)
    const rita = fake.controls.addContact({ role: 'user', email: 'rita@acme.test', name: 'Rita' })
    const act = agent(sut, workspaceId, {
      admin: { id: '991267460', name: 'Fake Admin' },
      conversationId: '404404404',
      contact: { type: 'user', id: rita.id, email: rita.email, name: rita.name },
    })
    await act(null)
    const blocked = await act(INBOX.block, { screen: 'more' }, { [INBOX.actionReason]: 'Abuse' })
    expect(textOf(blocked)).toContain('Blocked: Abuse')
    const note = await eventually(
      () =>
        sut.ctx.db
          .selectFrom('conversation_notes')
          .selectAll()
          .where('workspace_id', '=', workspaceId)
          .where('status', '=', 'failed')
          .executeTakeFirst(),
      'the refused note',
    )
    expect(note.last_error).toContain('404')
    const referrer = await sut.ctx.db
      .selectFrom('referrers')
      .select('blocked_reason')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    expect(referrer.blocked_reason).toBe('Abuse')
  })
})
