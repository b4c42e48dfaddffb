import { createHmac, timingSafeEqual } from 'node:crypto'
import type { RequestHandler } from 'express'
import { workspaceIdOf } from '../../canvas/requests.js'
import type { Config } from '../config.js'
import { AppError } from '../errors.js'
import { type CanvasSigner, canvasKeys, signerMayActFor } from './canvas-signer.js'

/** Constant-time comparison of a received hex digest with the expected one. */
export function digestMatches(expectedHex: string, receivedHex: string | undefined): boolean {
  if (!receivedHex) return false
  const expected = Buffer.from(expectedHex, 'utf8')
  const received = Buffer.from(receivedHex.trim().toLowerCase(), 'utf8')
  return expected.length === received.length && timingSafeEqual(expected, received)
}

/** X-Body-Signature: hex HMAC-SHA256 of the raw body with the client secret (Canvas Kit, uninstall). */
export function canvasSignature(rawBody: Buffer, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('hex')
}

/** X-Hub-Signature: `sha1=` + hex HMAC-SHA1 of the raw body with the client secret (webhooks). */
export function webhookSignature(rawBody: Buffer, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(rawBody).digest('hex')}`
}

function signedBy(
  config: Config,
  header: string,
  sign: (raw: Buffer, secret: string) => string,
): RequestHandler {
  return (req, _res, next) => {
    const secret = config.signingSecret
    if (!secret)
      throw new AppError(
        'unavailable',
        'INTERCOM_CLIENT_SECRET is not configured; signed requests cannot be verified.',
      )
    const raw = req.rawBody ?? Buffer.alloc(0)
    if (!digestMatches(sign(raw, secret), req.get(header))) {
      throw new AppError('unauthorized', `Missing or invalid ${header}.`)
    }
    next()
  }
}

/** Which key signed a Canvas Kit body (X-Body-Signature), or null when none did. */
export function canvasSigner(
  config: Config,
  rawBody: Buffer,
  received: string | undefined,
): CanvasSigner | null {
  for (const { signer, secret } of canvasKeys(config)) {
    if (digestMatches(canvasSignature(rawBody, secret), received)) return signer
  }
  return null
}

/**
 * Refuses (401) a request whose X-Body-Signature does not match its raw body, and (403) one the
 * playground signed for any workspace but its own. The signer is left in res.locals.canvasSigner.
 */
export function verifyCanvasSignature(config: Config): RequestHandler {
  return (req, res, next) => {
    if (canvasKeys(config).length === 0)
      throw new AppError(
        'unavailable',
        'INTERCOM_CLIENT_SECRET is not configured; signed requests cannot be verified.',
      )
    const signer = canvasSigner(config, req.rawBody ?? Buffer.alloc(0), req.get('X-Body-Signature'))
    if (!signer) throw new AppError('unauthorized', 'Missing or invalid X-Body-Signature.')
    const body = (req.body ?? {}) as { workspace_id?: unknown; app_id?: unknown }
    const workspaceId = workspaceIdOf({
      workspace_id: typeof body.workspace_id === 'string' ? body.workspace_id : null,
      app_id: typeof body.app_id === 'string' ? body.app_id : null,
    })
    if (!signerMayActFor(signer, workspaceId))
      throw new AppError('forbidden', 'The playground acts only for its own demo workspace.')
    res.locals.canvasSigner = signer
    next()
  }
}

/** Refuses (401) a body not signed with the client secret itself (uninstall: never the playground). */
export function verifyIntercomCanvasSignature(config: Config): RequestHandler {
  return signedBy(config, 'X-Body-Signature', canvasSignature)
}

/** Refuses (401) a webhook whose X-Hub-Signature does not match its raw body. */
export function verifyWebhookSignature(config: Config): RequestHandler {
  return signedBy(config, 'X-Hub-Signature', webhookSignature)
}
