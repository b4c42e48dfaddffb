import type { Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { MESSENGER } from '../../canvas/component-ids.js'
import type { AppContext } from '../../src/context.js'
import { PLAYGROUND_WORKSPACE, sheetSeal } from '../../src/http/canvas-signer.js'
import { decryptSheetUser, encryptSheetUser } from '../../src/http/canvas/sheet-crypto.js'
import { ensureWorkspace, findWorkspace } from '../../src/ledger/workspaces.js'
import { TEST_CLIENT_SECRET, testApp } from '../support/app.js'
import { newWorkspaceId } from '../support/db.js'
import {
  inboxInitialize,
  liveCanvas,
  messengerContext,
  messengerInitialize,
  messengerSubmit,
  newContact,
} from '../canvas/payloads.js'
import { byId, postSigned } from '../canvas/request.js'

const ADMIN_KEY = 'test-admin-key-0123456789'

function sheetData(workspaceId: string, user: string) {
  return {
    workspace_id: workspaceId,
    workspace_region: 'US',
    component_id: MESSENGER.openSheet,
    input_values: {},
    current_canvas: { stored_data: {} },
    context: messengerContext(),
    user,
  }
}

function openSheet(app: Express, path: string, data: unknown) {
  return request(app)
    .post(path)
    .type('form')
    .send({ intercom_data: JSON.stringify(data) })
}

describe('the playground is a sandbox', () => {
  it('is off when Intercom credentials are configured, unless PLAYGROUND=on', async () => {
    const { app } = await testApp({ NODE_ENV: 'development' })
    const sheet = await request(app)
      .post('/playground/api/messenger/sheet')
      .send({ contact: { id: 'cA1' } })
    expect(sheet.status).toBe(404)
    expect((await request(app).get('/playground')).status).toBe(404)
  })

  describe('switched on beside real credentials', () => {
    let app: Express
    let ctx: AppContext
    let realWorkspace: string
    beforeAll(async () => {
      ;({ app, ctx } = await testApp({ PLAYGROUND: 'on' }))
      realWorkspace = newWorkspaceId()
      await ensureWorkspace(ctx.db, { id: realWorkspace })
    })

    it('signs with its own key, never the client secret, and acts for its demo workspace only', async () => {
      const res = await request(app)
        .post('/playground/api/messenger/sheet')
        .send({ contact: { id: 'cA1' } })
      expect(res.status).toBe(200)
      const data = JSON.parse(res.body.intercom_data as string) as { user: string }
      expect(decryptSheetUser(data.user, TEST_CLIENT_SECRET)).toBeNull()
      // Its own sheet, in its own workspace, opens.
      const own = await openSheet(app, res.body.action as string, {
        ...data,
        workspace_id: PLAYGROUND_WORKSPACE,
      })
      expect(own.status).toBe(200)
      // The same blob pointed at a real workspace is refused, seal or no seal.
      const seal = sheetSeal(ctx.config, realWorkspace, 'cA1')
      const stolen = await openSheet(app, `/canvas/messenger/sheet?seal=${seal}`, {
        ...data,
        workspace_id: realWorkspace,
      })
      expect(stolen.status).toBe(403)
    })

    it('a canvas request signed with the playground key for a real workspace is refused', async () => {
      const secret = ctx.config.playground!.signingSecret
      const refused = await postSigned(
        app,
        '/canvas/messenger/live',
        liveCanvas(realWorkspace, newContact()),
        secret,
      )
      expect(refused.status).toBe(403)
      const own = await postSigned(
        app,
        '/canvas/messenger/live',
        liveCanvas(PLAYGROUND_WORKSPACE, newContact()),
        secret,
      )
      expect(own.status).toBe(200)
      // Uninstall is Intercom's alone.
      const uninstall = await postSigned(
        app,
        '/intercom/uninstall',
        { app_id: PLAYGROUND_WORKSPACE },
        secret,
      )
      expect(uninstall.status).toBe(401)
    })
  })
})

describe('the share sheet acts only where the card was sealed for', () => {
  let app: Express
  let ctx: AppContext
  beforeAll(async () => {
    ;({ app, ctx } = await testApp())
  })

  it('a workspace_id that was never installed is neither served nor created', async () => {
    const victim = `victim-ws-${newWorkspaceId()}`
    const user = encryptSheetUser({ type: 'user', id: 'cA1' }, TEST_CLIENT_SECRET)
    const unsealed = await openSheet(app, '/canvas/messenger/sheet', sheetData(victim, user))
    expect(unsealed.status).toBe(403)
    // Even a correct seal does not create a workspace.
    const seal = sheetSeal(ctx.config, victim, 'cA1')
    const sealed = await openSheet(
      app,
      `/canvas/messenger/sheet?seal=${seal}`,
      sheetData(victim, user),
    )
    expect(sealed.status).toBe(404)
    expect(await findWorkspace(ctx.db, victim)).toBeNull()
    const listed = await request(app)
      .get('/api/v1/workspaces')
      .set('authorization', `Bearer ${ADMIN_KEY}`)
    expect(listed.status).toBe(200)
    expect(JSON.stringify(listed.body)).not.toContain(victim)
  })

  it('a signed card, panel or invite for a workspace that never installed the app creates nothing', async () => {
    const stranger = `never-installed-${newWorkspaceId()}`
    const contact = newContact()
    for (const [path, body] of [
      ['/canvas/messenger/live', liveCanvas(stranger, contact)],
      ['/canvas/messenger/initialize', messengerInitialize(stranger)],
      ['/canvas/inbox/initialize', inboxInitialize(stranger, contact)],
      [
        '/canvas/messenger/submit',
        messengerSubmit(stranger, contact, MESSENGER.sendInvite, {
          [MESSENGER.friendEmail]: 'friend@example.com',
        }),
      ],
    ] as const) {
      const res = await postSigned(app, path, body)
      // A card Intercom can show, in words, not an error page.
      expect(res.status, path).toBe(200)
      expect(JSON.stringify(res.body), path).toContain('has not installed the referral app')
    }
    expect(await findWorkspace(ctx.db, stranger)).toBeNull()
    for (const table of ['participants', 'referrers', 'referrals', 'campaigns'] as const) {
      const rows = await ctx.db
        .selectFrom(table)
        .select('workspace_id')
        .where('workspace_id', '=', stranger)
        .execute()
      expect(rows, table).toEqual([])
    }
  })

  it('the private app’s own workspace is made on its first card', async () => {
    const privateWorkspace = `private-${newWorkspaceId()}`
    const made = await testApp({
      INTERCOM_ACCESS_TOKEN: 'private-app-token',
      INTERCOM_WORKSPACE_ID: privateWorkspace,
      INTERCOM_API_BASE_URL: 'http://127.0.0.1:9',
    })
    const card = await postSigned(
      made.app,
      '/canvas/messenger/live',
      liveCanvas(privateWorkspace, newContact()),
    )
    expect(card.status).toBe(200)
    expect(JSON.stringify(card.body)).toContain('/r/')
    expect(await findWorkspace(made.ctx.db, privateWorkspace)).not.toBeNull()
  })

  it("one card's sealed URL does not open another workspace's or another contact's sheet", async () => {
    const home = newWorkspaceId()
    await ensureWorkspace(ctx.db, { id: home })
    const other = newWorkspaceId()
    await ensureWorkspace(ctx.db, { id: other })
    const contact = newContact()
    const card = await postSigned(app, '/canvas/messenger/live', liveCanvas(home, contact))
    expect(card.status).toBe(200)
    const url = new URL(
      String((byId(card.body, MESSENGER.openSheet)?.action as { url?: string } | undefined)?.url),
    )
    const path = url.pathname + url.search
    const user = encryptSheetUser({ type: 'user', id: contact.id }, TEST_CLIENT_SECRET)
    expect((await openSheet(app, path, sheetData(home, user))).status).toBe(200)
    expect((await openSheet(app, path, sheetData(other, user))).status).toBe(403)
    const someoneElse = encryptSheetUser({ type: 'user', id: 'c-other' }, TEST_CLIENT_SECRET)
    expect((await openSheet(app, path, sheetData(home, someoneElse))).status).toBe(403)
  })
})
