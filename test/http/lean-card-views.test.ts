import { Writable } from 'node:stream'
import express, { type Express } from 'express'
import request from 'supertest'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../../src/app.js'
import type { AppContext } from '../../src/context.js'
import { leanCardViews } from '../../src/http/canvas/lean-card-views.js'
import { requestContext } from '../../src/http/request-context.js'
import { blockReferrer } from '../../src/ledger/referrer-blocks.js'
import { startReferrerViewCache } from '../../src/ledger/referrer-view-listener.js'
import { runningContests } from '../../src/contests/running-contests.js'
import { runningExperiments } from '../../src/experiments/running-experiments.js'
import { createLogger } from '../../src/logger.js'
import { inboxInitialize, liveCanvas, newContact } from '../canvas/payloads.js'
import { postSigned, tableValue } from '../canvas/request.js'
import { testApp } from '../support/app.js'
import { installedWorkspaceId } from '../support/db.js'
import { signedCanvas } from '../support/intercom.js'

const ADMIN_KEY = 'test-admin-key-0123456789'

describe('card views answered from the card cache', () => {
  let ctx: AppContext
  let app: Express
  const logged: Array<Record<string, unknown>> = []

  beforeAll(async () => {
    const made = await testApp()
    const lines = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n')) if (line) logged.push(JSON.parse(line))
        done()
      },
    })
    // The card cache as production runs it (testApp starts one on PGlite only).
    const views = made.ctx.referrerViews
      ? null
      : await startReferrerViewCache(made.ctx.database, createLogger('silent'))
    const cache = made.ctx.referrerViews ?? views!.cache
    ctx = {
      ...made.ctx,
      logger: createLogger('info', lines),
      referrerViews: cache,
      // As src/server.ts composes them: following the card cache, so answers are kept.
      contests: runningContests(made.ctx.db, Date.now, cache),
      experiments: runningExperiments(made.ctx.db, Date.now, cache),
    }
    await vi.waitFor(() => expect(ctx.referrerViews!.listening).toBe(true))
    app = createApp(ctx)
    return () => views?.stop()
  })

  /** A contact's card viewed once (read and kept), so the next view finds its answer kept. */
  async function viewedOnce(path: '/canvas/messenger/live' | '/canvas/inbox/initialize') {
    const workspaceId = await installedWorkspaceId(ctx.db)
    const contact = newContact('Ada Lovelace')
    const body =
      path === '/canvas/messenger/live'
        ? liveCanvas(workspaceId, contact)
        : inboxInitialize(workspaceId, contact)
    // First sight enrols; the second view reads the card and keeps its answer.
    await postSigned(app, path, body)
    const first = await postSigned(app, path, body)
    expect(first.status).toBe(200)
    return { workspaceId, contact, body, first }
  }

  for (const path of ['/canvas/messenger/live', '/canvas/inbox/initialize'] as const) {
    it(`${path}: a repeated view answers the same bytes, with request id, security headers and metrics`, async () => {
      const { body, first } = await viewedOnce(path)
      const hitsBefore = ctx.referrerViews!.hits
      const again = await postSigned(app, path, body).set('X-Request-Id', 'lean-view-1')
      expect(again.status).toBe(200)
      expect(again.text).toBe(first.text)
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(again.headers['x-request-id']).toBe('lean-view-1')
      expect(again.headers['content-security-policy']).toContain("default-src 'self'")
      expect(ctx.referrerViews!.hits).toBe(hitsBefore + 1)
      const metrics = await request(app).get('/metrics').set('Authorization', `Bearer ${ADMIN_KEY}`)
      expect(metrics.text).toMatch(
        new RegExp(
          `http_request_duration_seconds_count\\{method="POST",route="${path}",status="200"\\} \\d+`,
        ),
      )
      expect(metrics.text).not.toContain('route="unmatched",status="200"')
    })
  }

  it('a kept answer is dropped when the card changes: the next view shows the change', async () => {
    const { workspaceId, contact, body, first } = await viewedOnce('/canvas/messenger/live')
    expect(tableValue(first.body, 'Your link')).toBeDefined()
    const participant = await ctx.db
      .selectFrom('participants')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('contact_id', '=', contact.id)
      .executeTakeFirstOrThrow()
    const referrer = await ctx.db
      .selectFrom('referrers')
      .select('id')
      .where('participant_id', '=', participant.id)
      .executeTakeFirstOrThrow()
    await blockReferrer(ctx.db, {
      workspaceId,
      referrerId: referrer.id,
      reason: 'test',
      actor: { type: 'system', id: null },
    })
    // PGlite notifies within the change; PostgreSQL a moment after its commit.
    await vi.waitFor(async () => {
      const after = await postSigned(app, '/canvas/messenger/live', body)
      expect(after.status).toBe(200)
      expect(after.text).not.toBe(first.text)
      expect(tableValue(after.body, 'Your link')).toBeUndefined()
    })
  })

  it('a cached card with a bad signature is refused (401), never answered', async () => {
    const { body } = await viewedOnce('/canvas/messenger/live')
    const res = await postSigned(app, '/canvas/messenger/live', body, 'not-the-secret')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
    expect(res.headers['x-request-id']).toBeTruthy()
  })

  it('a body over the limit is a 413, and one that is not JSON a 400 with its request id logged', async () => {
    const { body } = await viewedOnce('/canvas/messenger/live')
    const big = { ...body, padding: 'x'.repeat(300 * 1024) }
    const tooLarge = await postSigned(app, '/canvas/messenger/live', big)
    expect(tooLarge.status).toBe(413)

    const notJson = await request(app)
      .post('/canvas/messenger/live')
      .set('Content-Type', 'application/json')
      .set('X-Request-Id', 'lean-bad-json')
      .send('{"workspace_id": ')
    expect(notJson.status).toBe(400)
    expect(notJson.body.error.code).toBe('bad_request')
    expect(notJson.headers['x-request-id']).toBe('lean-bad-json')
    expect(logged).toContainEqual(
      expect.objectContaining({ requestId: 'lean-bad-json', msg: 'request refused' }),
    )
  })

  it('a failure while answering from the cache is answered by the route: error canvas, logged with its reference', async () => {
    const { body } = await viewedOnce('/canvas/messenger/live')
    const broken = vi.spyOn(ctx.referrerViews!, 'answer').mockImplementation(() => {
      throw new Error('cache broke')
    })
    try {
      const res = await postSigned(app, '/canvas/messenger/live', body).set(
        'X-Request-Id',
        'lean-broken',
      )
      expect(res.status).toBe(200)
      const line = logged.find((entry) => entry.requestId === 'lean-broken')
      expect(line).toMatchObject({ msg: 'unexpected error', err: { message: 'cache broke' } })
      expect(JSON.stringify(res.body)).toContain(String(line?.reference))
    } finally {
      broken.mockRestore()
    }
  })

  it('answers only what the cache holds; anything else goes on down the stack with the body read', async () => {
    const { body } = await viewedOnce('/canvas/messenger/live')
    const fellThrough = express()
      .use(requestContext(ctx.logger), leanCardViews(ctx))
      .use((req, res) => {
        res.status(299).json({ rawBytes: req.rawBody?.length ?? 0, body: req.body as unknown })
      })
    const kept = await postSigned(fellThrough, '/canvas/messenger/live', body)
    expect(kept.status).toBe(200)
    expect(tableValue(kept.body, 'Your link')).toBeDefined()

    const unsigned = signedCanvas(body, 'not-the-secret')
    const badSignature = await request(fellThrough)
      .post('/canvas/messenger/live')
      .set(unsigned.headers)
      .send(unsigned.raw)
    expect(badSignature.status).toBe(299)
    expect(badSignature.body.rawBytes).toBe(Buffer.byteLength(unsigned.raw))
    expect(badSignature.body.body).toEqual(body)

    const stranger = await postSigned(
      fellThrough,
      '/canvas/messenger/live',
      liveCanvas(await installedWorkspaceId(ctx.db), newContact()),
    )
    expect(stranger.status).toBe(299)
  })
})
