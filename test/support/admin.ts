import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Config } from '../../src/config.js'
import type { Request } from 'express'
import { csrfTokenOf, signAdminSession } from '../../src/http/admin-session.js'
import { attributeReferral } from '../../src/ledger/referrals.js'
import { issueReward } from '../../src/ledger/rewards.js'
import { newReferrer, SYSTEM } from './ledger.js'

export const ADMIN_KEY = 'test-admin-key-0123456789'
export const BEARER = { Authorization: `Bearer ${ADMIN_KEY}` }

/** The Cookie header of a workspace admin signed in through Intercom. */
export function sessionCookie(
  config: Config,
  workspaceId: string,
  adminEmail = 'admin@example.com',
) {
  const cookie = `referrals_admin=${signAdminSession(config, { workspaceId, adminEmail })}`
  // As the dashboard's pages send it: the session's CSRF token beside the cookie.
  return { Cookie: cookie, 'X-CSRF-Token': csrfFor(config, cookie) }
}

/** The CSRF token the dashboard's pages carry for a Cookie header's session. */
export function csrfFor(config: Config, cookie: string): string {
  return csrfTokenOf({ headers: { cookie } } as unknown as Request, config)
}

/** A referrer with `friends` referrals through the API's own ledger path. */
export async function referrerWithFriends(
  db: Kysely<Database>,
  workspaceId: string,
  friends: number,
  name = 'Jane Doe',
  email?: string,
) {
  const { referrer } = await newReferrer(db, workspaceId, name, email)
  const referrals = []
  for (let i = 0; i < friends; i++) {
    const result = await attributeReferral(db, {
      workspaceId,
      referrer: { referrerId: referrer.id },
      friend: { email: `friend${i}.${referrer.code}@example.org`, name: `Friend ${i}` },
      source: i % 2 === 0 ? 'link' : 'invite',
      actor: SYSTEM,
    })
    referrals.push(result.referral)
  }
  return { referrer, referrals }
}

/** A pending reward for a referrer (what a reward rule with manual approval would issue). */
export async function pendingReward(
  db: Kysely<Database>,
  input: { workspaceId: string; campaignId: string; participantId: string; referralId?: string },
) {
  return db.transaction().execute(async (trx) => {
    const { reward } = await issueReward(trx, {
      ...input,
      recipientRole: 'referrer',
      kind: 'fixed',
      amountMinor: 1000,
      currency: 'USD',
      description: '$10 credit',
      idempotencyKey: `test:${Math.random().toString(36).slice(2)}`,
      actor: SYSTEM,
    })
    return reward
  })
}
