import { Writable } from 'node:stream'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import type { AppContext } from '../../src/context.js'
import { createLogger } from '../../src/logger.js'
import { testConfig } from '../support/app.js'
import { freshDatabase } from '../support/db.js'
import { publicRoutes } from '../support/routes.js'

const lines: string[] = []
let sut: ReturnType<typeof createApp>

beforeAll(async () => {
  const database = await freshDatabase()
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  const ctx: AppContext = {
    config: testConfig(),
    database,
    db: database.db,
    logger: createLogger('info', stream),
    jobs: null,
  }
  sut = createApp(ctx)
})

/** The log lines written while `run` ran. */
async function logged(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const from = lines.length
  await run()
  return lines.slice(from).map((line) => JSON.parse(line) as Record<string, unknown>)
}

describe('a URL whose %-escapes do not decode', () => {
  it('is a referral link: a 400 page saying the link is damaged, one log line, no stack', async () => {
    let res: request.Response | undefined
    const entries = await logged(async () => (res = await request(sut).get('/r/%FF%FE')))
    expect(res?.status).toBe(400)
    expect(res?.headers['content-type']).toMatch(/text\/html/)
    expect(res?.text).toContain('This referral link is damaged')
    expect(entries).toEqual([
      expect.objectContaining({ level: 30, msg: 'malformed URL refused', path: '/r/%FF%FE' }),
    ])
    expect(JSON.stringify(entries)).not.toContain('stack')
  })

  it('answers 400 with a message on every route, logging one line each without a stack', async () => {
    const routes = publicRoutes(sut)
    expect(routes.length).toBeGreaterThan(20)
    const entries = await logged(async () => {
      for (const route of routes) {
        const path = route.path.startsWith('/r/') ? '/r/%E0%A4%A' : `${route.path}/%FF%FE`
        const res = await request(sut)[route.method === 'GET' ? 'get' : 'post'](path)
        expect(res.status, `${route.method} ${path}`).toBe(400)
        if (!path.startsWith('/r/'))
          expect(res.body.error).toEqual({
            code: 'bad_request',
            message: expect.stringMatching(/URL is malformed/),
          })
      }
    })
    expect(entries).toHaveLength(routes.length)
    for (const entry of entries) {
      expect(entry).toMatchObject({ level: 30, msg: 'malformed URL refused' })
      expect(entry).not.toHaveProperty('err')
    }
  })

  it('leaves well-formed escapes alone (an encoded code still reaches the referral route)', async () => {
    const res = await request(sut).get('/r/%F0%9F%98%80')
    expect(res.status).toBe(404)
    expect(res.text).toContain('This referral link does not work')
  })
})
