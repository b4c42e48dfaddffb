import type { Express } from 'express'
import { beforeAll, describe, expect, it } from 'vitest'
import { INBOX } from '../../canvas/component-ids.js'
import { canvasResponse, liveContentResponse } from '../../canvas/schema.js'
import type { AppContext } from '../../src/context.js'
import { erasePerson } from '../../src/ledger/privacy/erase-person.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { testApp } from '../support/app.js'
import { installedWorkspaceId } from '../support/db.js'
import { SYSTEM } from '../support/ledger.js'
import { scanDatabase } from '../support/privacy.js'
import {
  type Contact,
  inboxInitialize,
  inboxSubmit,
  liveCanvas,
  newContact,
} from '../canvas/payloads.js'
import { byId, postSigned, tableValue, textOf } from '../canvas/request.js'

describe('Canvas Kit: Inbox erasure', () => {
  let app: Express
  let ctx: AppContext
  beforeAll(async () => {
    ;({ app, ctx } = await testApp())
  })

  async function post(path: string, body: unknown) {
    const res = await postSigned(app, path, body)
    expect(res.status).toBe(200)
    return canvasResponse.parse(res.body)
  }
  const submit = (workspaceId: string, contact: Contact, id: string) =>
    post('/canvas/inbox/submit', inboxSubmit(workspaceId, contact, id))

  it('erases the contact after a confirm screen; the panel then says so and enrols nobody', async () => {
    const workspaceId = await installedWorkspaceId(ctx.db)
    const contact = newContact('Grace Hopper')
    const panel = await post('/canvas/inbox/initialize', inboxInitialize(workspaceId, contact))
    const code = tableValue(panel, 'Code')!
    // Erasure sits under More actions, the rare and final actions.
    expect(byId(panel, INBOX.erasePerson)).toBeUndefined()
    const more = await submit(workspaceId, contact, INBOX.more)
    expect(byId(more, INBOX.erasePerson)).toMatchObject({
      label: "Erase this person's referral data",
    })
    await attributeReferral(ctx.db, {
      workspaceId,
      referrer: { person: { contactId: contact.id } },
      friend: { email: 'friend.of.grace@example.org' },
      source: 'api',
      actor: SYSTEM,
    })

    const confirm = await submit(workspaceId, contact, INBOX.erasePerson)
    expect(textOf(confirm)).toContain('Erase Grace Hopper?')
    expect(textOf(confirm)).toContain('This cannot be undone.')
    // Back changes nothing.
    const back = await submit(workspaceId, contact, INBOX.back)
    expect(tableValue(back, 'Code')).toBe(code)

    const done = await submit(workspaceId, contact, INBOX.confirmErase)
    expect(textOf(done)).toContain("This person's referral data was erased.")
    expect(await scanDatabase(ctx.db, [contact.id, contact.email, contact.name, code])).toEqual([])
    const event = await ctx.db
      .selectFrom('events')
      .select(['actor_type', 'actor_id'])
      .where('workspace_id', '=', workspaceId)
      .where('type', '=', 'participant.erased')
      .executeTakeFirstOrThrow()
    expect(event).toEqual({ actor_type: 'admin', actor_id: expect.any(String) })
    const referrals = await ctx.db
      .selectFrom('referrals')
      .select('status')
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect(referrals).toEqual([{ status: 'pending' }])

    // Opening the conversation again shows the notice, and does not enrol them anew.
    const reopened = await post('/canvas/inbox/initialize', inboxInitialize(workspaceId, contact))
    expect(textOf(reopened)).toContain("This person's referral data was erased.")
    expect(await scanDatabase(ctx.db, [contact.id, contact.email])).toEqual([])
  }, 90_000)

  it('shows an erased customer a notice on the Messenger card instead of enrolling them again', async () => {
    const workspaceId = await installedWorkspaceId(ctx.db)
    const contact = newContact('Linus Pauling')
    const live = () =>
      postSigned(app, '/canvas/messenger/live', liveCanvas(workspaceId, contact, {}, 'fr'))
    const before = await live()
    expect(before.status).toBe(200)
    expect(textOf(before.body)).toContain('linus-')
    await erasePerson(ctx.db, { workspaceId, target: { contactId: contact.id }, actor: SYSTEM })
    const after = await live()
    expect(after.status).toBe(200)
    liveContentResponse.parse(after.body)
    expect(textOf(after.body)).toContain(
      'Vous ne faites plus partie de ce programme de parrainage.',
    )
    expect(textOf(after.body)).not.toContain('linus-')
    expect(await scanDatabase(ctx.db, [contact.id, contact.email])).toEqual([])
  })
})
