import { Writable } from 'node:stream'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app.js'
import { createLogger } from '../../src/logger.js'
import { testApp } from '../support/app.js'

function capture() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  return { stream, lines }
}

describe('log lines', () => {
  it('a refused request is logged with one msg, the reason in its own field', async () => {
    const { ctx } = await testApp()
    const out = capture()
    const app = createApp({ ...ctx, logger: createLogger('info', out.stream) })
    const res = await request(app).get('/api/v1/workspaces')
    expect(res.status).toBe(401)
    const refused = out.lines.filter((line) => line.includes('request refused'))
    expect(refused).toHaveLength(1)
    expect(refused[0]!.match(/"msg":/g)).toHaveLength(1)
    expect(JSON.parse(refused[0]!)).toMatchObject({
      msg: 'request refused',
      reason: expect.stringContaining('Admin credentials required'),
    })
  })

  it('a database error is logged without the row values PostgreSQL puts in its detail', () => {
    const out = capture()
    const logger = createLogger('info', out.stream)
    const error = Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
      code: '23505',
      detail: 'Key (email)=(ada.private@example.com) already exists.',
      where: 'SQL statement with ada.private@example.com',
      constraint: 'x',
    })
    logger.error({ err: error, reference: 'r1' }, 'unexpected error')
    expect(out.lines).toHaveLength(1)
    expect(out.lines[0]).not.toContain('ada.private@example.com')
    expect(out.lines[0]).toContain('23505')
  })
})
