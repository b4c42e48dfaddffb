import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

// Intercom encrypts the `user` of an open-sheet request (https://developers.intercom.com/docs/build-an-integration/getting-started/build-an-app-for-your-messenger/sheets-flow): base64 of
// IV (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes), AES-256-GCM, key = SHA-256(client secret).
// Decrypting it is what authenticates the (otherwise unsigned) request.

const IV_BYTES = 12
const TAG_BYTES = 16

function keyOf(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest()
}

/** The decrypted user JSON, or null when the value was not encrypted with this secret. */
export function decryptSheetUser(encoded: string, secret: string): unknown {
  const buffer = Buffer.from(encoded, 'base64')
  if (buffer.length <= IV_BYTES + TAG_BYTES) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), buffer.subarray(0, IV_BYTES))
    decipher.setAuthTag(buffer.subarray(buffer.length - TAG_BYTES))
    const plain = Buffer.concat([
      decipher.update(buffer.subarray(IV_BYTES, buffer.length - TAG_BYTES)),
      decipher.final(),
    ])
    return JSON.parse(plain.toString('utf8'))
  } catch {
    return null
  }
}

/** What Intercom does before opening a sheet; the playground and tests use it to act as Intercom. */
export function encryptSheetUser(user: unknown, secret: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv)
  const body = Buffer.concat([cipher.update(JSON.stringify(user), 'utf8'), cipher.final()])
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64')
}
