import { createHmac } from 'node:crypto'
import type { Request } from 'express'

/**
 * A salted, daily-rotating hash of a visitor (IP + user agent) so repeated clicks can be told
 * apart without storing the IP: the salt derives from the app's secret key and never leaves it.
 */
export function visitorHash(req: Request, secretKey: Buffer, now = new Date()): string | null {
  const ip = req.ip ?? req.socket.remoteAddress
  if (!ip) return null
  const salt = createHmac('sha256', secretKey).update('referral-link-visitor').digest()
  const day = now.toISOString().slice(0, 10)
  return createHmac('sha256', salt)
    .update(`${day}\n${ip}\n${req.get('user-agent') ?? ''}`)
    .digest('hex')
}
