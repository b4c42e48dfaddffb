import { canvasSignature, webhookSignature } from '../../src/http/verify-signature.js'
import { TEST_CLIENT_SECRET } from './app.js'

/** A JSON body and the headers Intercom would send with it for a Canvas Kit request. */
export function signedCanvas(
  body: unknown,
  secret = TEST_CLIENT_SECRET,
): { raw: string; headers: Record<string, string> } {
  const raw = JSON.stringify(body)
  return {
    raw,
    headers: {
      'content-type': 'application/json',
      'x-body-signature': canvasSignature(Buffer.from(raw), secret),
    },
  }
}

/** A JSON body and the headers Intercom would send with it for a webhook notification. */
export function signedWebhook(
  body: unknown,
  secret = TEST_CLIENT_SECRET,
): { raw: string; headers: Record<string, string> } {
  const raw = JSON.stringify(body)
  return {
    raw,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature': webhookSignature(Buffer.from(raw), secret),
      'user-agent': 'intercom-parrot-service-client/1.0',
    },
  }
}
