import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { testApp } from '../support/app.js'

describe('health and edge behaviour', () => {
  let app: Express
  beforeAll(async () => {
    ;({ app } = await testApp())
  })

  it('GET /healthz answers 200 with the database reachable', async () => {
    const res = await request(app).get('/healthz')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: 'ok', database: expect.stringMatching(/pglite|postgres/) })
    expect(res.headers['x-request-id']).toBeTruthy()
  })

  it('answers malformed JSON with a 400 and a message, not a stack trace', async () => {
    const res = await request(app)
      .post('/healthz')
      .set('content-type', 'application/json')
      .send('{"oops":')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/not valid JSON/)
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js/)
  })

  it('answers an oversized body with 413', async () => {
    const res = await request(app)
      .post('/healthz')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ a: 'x'.repeat(300_000) }))
    expect(res.status).toBe(413)
  })

  it('answers unknown routes with a JSON 404', async () => {
    const res = await request(app).get('/nope')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })
})
