import type { Express } from 'express'
import { beforeAll, describe, expect, it } from 'vitest'
import { MESSENGER } from '../../canvas/component-ids.js'
import type { AppContext } from '../../src/context.js'
import { updateCampaign } from '../../src/ledger/campaigns.js'
import { erasePerson } from '../../src/ledger/privacy/erase-person.js'
import { testApp } from '../support/app.js'
import { newWorkspace, SYSTEM } from '../support/ledger.js'
import { type Contact, messengerSubmit, newContact } from '../canvas/payloads.js'
import { byId, componentsOf, postSigned } from '../canvas/request.js'

describe('invite form limits', () => {
  let app: Express
  let ctx: AppContext
  beforeAll(async () => {
    ;({ app, ctx } = await testApp())
  })

  async function workspaceWith(invites: Record<string, number>) {
    const { workspaceId, campaign } = await newWorkspace(ctx.db)
    await updateCampaign(ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      settings: { ...campaign.settings, invites: { ...campaign.settings.invites, ...invites } },
      actor: SYSTEM,
    })
    return workspaceId
  }

  async function invite(workspaceId: string, contact: Contact, email: string, locale = 'en') {
    const res = await postSigned(
      app,
      '/canvas/messenger/submit',
      messengerSubmit(
        workspaceId,
        contact,
        MESSENGER.sendInvite,
        { [MESSENGER.friendEmail]: email, [MESSENGER.friendName]: '' },
        {},
        locale,
      ),
    )
    expect(res.status).toBe(200)
    const error = componentsOf(res.body).find(
      (c) => (c as { style?: string }).style === 'error',
    ) as { text?: string } | undefined
    return { sent: res.body.event?.type === 'completed', error: error?.text ?? null, res }
  }

  const invitations = (workspaceId: string) =>
    ctx.db
      .selectFrom('referrals')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('source', '=', 'invite')
      .execute()

  it('stops one customer at the daily limit, in words, and records nothing more', async () => {
    const workspaceId = await workspaceWith({ perReferrerPerDay: 2 })
    const ada = newContact()
    expect((await invite(workspaceId, ada, 'f1@example.org')).sent).toBe(true)
    expect((await invite(workspaceId, ada, 'f2@example.org')).sent).toBe(true)
    const third = await invite(workspaceId, ada, 'f3@example.org')
    expect(third).toMatchObject({
      sent: false,
      error: "You have sent today's maximum of invitations. Try again tomorrow.",
    })
    expect(byId(third.res.body, MESSENGER.friendEmail)).toMatchObject({
      value: 'f3@example.org',
      save_state: 'failed',
    })
    // Another customer of the workspace is not affected.
    expect((await invite(workspaceId, newContact('Bo Li'), 'f3@example.org')).sent).toBe(true)
    expect(await invitations(workspaceId)).toHaveLength(3)
  })

  it('stops the whole workspace at the hourly limit, in the customer’s language', async () => {
    const workspaceId = await workspaceWith({ perWorkspacePerHour: 2 })
    expect((await invite(workspaceId, newContact('Al A'), 'g1@example.org')).sent).toBe(true)
    expect((await invite(workspaceId, newContact('Bea B'), 'g2@example.org')).sent).toBe(true)
    const refused = await invite(workspaceId, newContact('Cy C'), 'g3@example.org', 'es')
    expect(refused).toMatchObject({
      sent: false,
      error:
        'Se están enviando demasiadas invitaciones ahora mismo. Inténtalo de nuevo en una hora.',
    })
    expect(await invitations(workspaceId)).toHaveLength(2)
  })

  it('does not invite a friend someone else invited recently; after the period it may', async () => {
    const workspaceId = await workspaceWith({ reinviteAfterDays: 30 })
    expect((await invite(workspaceId, newContact('Di D'), 'popular@example.org')).sent).toBe(true)
    const again = await invite(workspaceId, newContact('Ed E'), 'Popular@Example.org')
    expect(again).toMatchObject({
      sent: false,
      error: "This friend was invited recently, so we won't invite them again yet.",
    })
    await ctx.db
      .updateTable('referrals')
      .set({ created_at: new Date(Date.now() - 31 * 86_400_000) } as never)
      .where('workspace_id', '=', workspaceId)
      .execute()
    expect((await invite(workspaceId, newContact('Ed E'), 'popular@example.org')).error).toBeNull()
  })

  it('does not invite someone who was erased', async () => {
    const workspaceId = await workspaceWith({})
    expect((await invite(workspaceId, newContact('Flo F'), 'gone@example.org')).sent).toBe(true)
    await erasePerson(ctx.db, {
      workspaceId,
      target: { email: 'gone@example.org' },
      actor: SYSTEM,
    })
    await ctx.db
      .updateTable('referrals')
      .set({ created_at: new Date(0) } as never)
      .where('workspace_id', '=', workspaceId)
      .execute()
    const refused = await invite(workspaceId, newContact('Gus G'), 'gone@example.org')
    expect(refused).toMatchObject({
      sent: false,
      error: "We can't send an invitation to this address.",
    })
  })
})
