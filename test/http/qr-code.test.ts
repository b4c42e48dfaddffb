import type { Express } from 'express'
import jsQRModule from 'jsqr'
import { PNG } from 'pngjs'
import request from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AppContext } from '../../src/context.js'
import { issueNewCode } from '../../src/ledger/referrer-codes.js'
import { testApp } from '../support/app.js'
import { newReferrer, newWorkspace, SYSTEM } from '../support/ledger.js'

const PUBLIC_URL = 'https://referrals.example.test'
// jsqr is CommonJS: its default export sits on .default under Node's ESM rules, but not always.
const jsQR = ((jsQRModule as { default?: unknown }).default ??
  jsQRModule) as typeof jsQRModule.default
let app: Express
let ctx: AppContext

beforeAll(async () => {
  ;({ app, ctx } = await testApp())
})

/** What a phone camera reads from the PNG. */
function decode(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length)
  return jsQR(pixels, image.width, image.height)?.data ?? null
}

const binary = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

describe('QR code of a referral link', () => {
  it('the PNG decodes back to the referral link, cached by ETag', async () => {
    const { workspaceId } = await newWorkspace(ctx.db)
    const { referrer } = await newReferrer(ctx.db, workspaceId, 'Quentin Code')
    const res = await request(app)
      .get(`/r/${referrer.code}/qr.png`)
      .buffer(true)
      .parse(binary)
      .expect(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['cache-control']).toBe('public, max-age=86400')
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(decode(res.body as Buffer)).toBe(`${PUBLIC_URL}/r/${referrer.code}`)

    const etag = res.headers.etag
    expect(etag).toMatch(/^"qr-/)
    const again = await request(app).get(`/r/${referrer.code}/qr.png`).set('If-None-Match', etag!)
    expect(again.status).toBe(304)
    // The same code always gives the same image, so the ETag is stable across requests.
    const third = await request(app).get(`/r/${referrer.code}/qr.png`)
    expect(third.headers.etag).toBe(etag)
  })

  it('serves an SVG too, and keeps an old code’s image until the code is disabled', async () => {
    const { workspaceId } = await newWorkspace(ctx.db)
    const { referrer } = await newReferrer(ctx.db, workspaceId, 'Sven Svg')
    const svg = await request(app).get(`/r/${referrer.code}/qr.svg`).expect(200)
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/)
    expect(String(svg.text ?? svg.body)).toContain('<svg')

    await issueNewCode(ctx.db, {
      workspaceId,
      referrerId: referrer.id,
      disableOld: false,
      actor: SYSTEM,
    })
    const old = await request(app).get(`/r/${referrer.code}/qr.png`).buffer(true).parse(binary)
    expect(old.status).toBe(200)
    expect(decode(old.body as Buffer)).toBe(`${PUBLIC_URL}/r/${referrer.code}`)

    await issueNewCode(ctx.db, {
      workspaceId,
      referrerId: referrer.id,
      disableOld: true,
      actor: SYSTEM,
    })
    await request(app).get(`/r/${referrer.code}/qr.png`).expect(404)
  })

  it('an unknown code is a readable 404 page', async () => {
    const res = await request(app).get('/r/nobody-zzzz/qr.svg').expect(404)
    expect(res.text).toContain('There is no referral link with this code')
  })
})
