import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

export class TokenDecryptionError extends Error {
  override readonly name = 'TokenDecryptionError'
}

/**
 * AES-256-GCM with a random 12-byte IV: `v1:<base64(iv | ciphertext | tag)>`. `context` (the
 * workspace id) is bound as associated data, so a ciphertext copied onto another row fails.
 */
export function encryptToken(key: Buffer, token: string, context = ''): string {
  assertKey(key)
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()])
  return `${VERSION}:${Buffer.concat([iv, ciphertext, cipher.getAuthTag()]).toString('base64')}`
}

/** The token back; throws TokenDecryptionError on a wrong key, context, version or any tampering. */
export function decryptToken(key: Buffer, encrypted: string, context = ''): string {
  assertKey(key)
  const [version, payload, extra] = encrypted.split(':')
  if (version !== VERSION || payload === undefined || extra !== undefined) {
    throw new TokenDecryptionError('unknown token format')
  }
  const bytes = Buffer.from(payload, 'base64')
  if (bytes.length <= IV_BYTES + TAG_BYTES || bytes.toString('base64') !== payload) {
    throw new TokenDecryptionError('malformed token ciphertext')
  }
  const iv = bytes.subarray(0, IV_BYTES)
  const tag = bytes.subarray(bytes.length - TAG_BYTES)
  const ciphertext = bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv)
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8')
  } catch {
    throw new TokenDecryptionError('token ciphertext failed authentication')
  }
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('the encryption key must be 32 bytes')
}
