import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { qualifyReferral } from '../../src/ledger/referrals.js'
import { acceptNotifications } from '../../src/ledger/webhook-notifications.js'
import { postSigned } from '../canvas/request.js'
import { messengerInitialize } from '../canvas/payloads.js'
import { pendingReward, referrerWithFriends, sessionCookie } from '../support/admin.js'
import { testApp } from '../support/app.js'
import { newWorkspace, SYSTEM } from '../support/ledger.js'

describe('set-up checklist on the overview', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  beforeAll(async () => {
    sut = await testApp()
  })

  async function steps(workspaceId: string): Promise<Record<string, string>> {
    const res = await supertest(sut.app)
      .get(`/admin/w/${workspaceId}`)
      .set(sessionCookie(sut.ctx.config, workspaceId))
    expect(res.status).toBe(200)
    const found: Record<string, string> = {}
    for (const match of res.text.matchAll(/class="step (done|todo)" data-step="(\w+)"/g))
      found[match[2]!] = match[1]!
    return found
  }

  it('walks from nothing done to the first reward, each step from what really happened', async () => {
    const { workspaceId, campaign } = await newWorkspace(sut.ctx.db)
    expect(await steps(workspaceId)).toEqual({
      connected: 'todo',
      attributes: 'todo',
      webhook: 'todo',
      card: 'todo',
      referral: 'todo',
      qualified: 'todo',
      reward: 'todo',
    })

    // The Messenger card: the first initialize is recorded once, later ones change nothing.
    await postSigned(sut.app, '/canvas/messenger/initialize', messengerInitialize(workspaceId))
    const first = await sut.ctx.db
      .selectFrom('workspaces')
      .select('first_canvas_at')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    expect(first.first_canvas_at).toBeInstanceOf(Date)
    await postSigned(sut.app, '/canvas/messenger/initialize', messengerInitialize(workspaceId))
    const again = await sut.ctx.db
      .selectFrom('workspaces')
      .select('first_canvas_at')
      .where('id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    expect(again.first_canvas_at).toEqual(first.first_canvas_at)

    await acceptNotifications(sut.ctx.db, [
      {
        workspaceId,
        notificationId: 'notif_1',
        topic: 'contact.user.updated',
        notifiedAt: new Date(),
        payloadJson: '{}',
      },
    ])
    const { referrer, referrals } = await referrerWithFriends(sut.ctx.db, workspaceId, 1)
    await qualifyReferral(sut.ctx.db, { workspaceId, referralId: referrals[0]!.id, actor: SYSTEM })
    await pendingReward(sut.ctx.db, {
      workspaceId,
      campaignId: campaign.id,
      participantId: referrer.participantId,
      referralId: referrals[0]!.id,
    })
    expect(await steps(workspaceId)).toEqual({
      connected: 'todo',
      attributes: 'todo',
      webhook: 'done',
      card: 'done',
      referral: 'done',
      qualified: 'done',
      reward: 'done',
    })
    const page = await supertest(sut.app)
      .get(`/admin/w/${workspaceId}`)
      .set(sessionCookie(sut.ctx.config, workspaceId))
    expect(page.text).toContain('Topics:')
    expect(page.text).toContain('contact.user.updated')
    expect(page.text).toContain('5 of 7 steps done')
  })
})
