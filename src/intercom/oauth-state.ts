import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto'
import jwt from 'jsonwebtoken'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema.js'

export type OauthPurpose = 'install' | 'admin'

const STATE_SECONDS = 10 * 60
const AUDIENCE = 'intercom-oauth-state'

/** Why a callback's state was refused; `message` is shown to the teammate. */
export class OauthStateError extends Error {
  override readonly name = 'OauthStateError'
  constructor(
    readonly reason: 'invalid' | 'expired' | 'replayed',
    message: string,
  ) {
    super(message)
  }
}

const claimsSchema = z.object({
  jti: z.string().min(1),
  purpose: z.enum(['install', 'admin']),
  nh: z.string().optional(),
})

/** What a state carries of the browser's nonce cookie: a hash, never the nonce itself. */
export function nonceHash(nonce: string): string {
  return createHash('sha256').update(`oauth-nonce\0${nonce}`).digest('base64url')
}

/** Whether the callback comes back to the browser that started it (its nonce cookie matches). */
export function stateBelongsToBrowser(state: { nh?: string }, nonce: string | undefined): boolean {
  if (!state.nh || !nonce) return false
  const a = Buffer.from(state.nh)
  const b = Buffer.from(nonceHash(nonce))
  return a.length === b.length && timingSafeEqual(a, b)
}

// A key of its own, derived from the client secret, so the state cannot be forged without it.
function stateKey(clientSecret: string): Buffer {
  return createHmac('sha256', clientSecret).update('referrals-oauth-state').digest()
}

/**
 * A signed, single-use `state` valid for 10 minutes, bound (by `nonce`, set as a cookie in the
 * browser that starts the flow) to that browser: a state someone else started cannot be finished
 * in a victim's browser (login CSRF, RFC 6749 §10.12).
 */
export function signOauthState(
  clientSecret: string,
  purpose: OauthPurpose,
  nonce?: string,
): string {
  return jwt.sign({ purpose, ...(nonce ? { nh: nonceHash(nonce) } : {}) }, stateKey(clientSecret), {
    algorithm: 'HS256',
    expiresIn: STATE_SECONDS,
    audience: AUDIENCE,
    jwtid: randomUUID(),
  })
}

/** Checks signature and expiry; throws OauthStateError with a readable message. */
export function verifyOauthState(
  clientSecret: string,
  state: string,
): { jti: string; purpose: OauthPurpose; expiresAt: Date; nh?: string } {
  let claims: unknown
  try {
    claims = jwt.verify(state, stateKey(clientSecret), {
      algorithms: ['HS256'],
      audience: AUDIENCE,
    })
  } catch (error) {
    if (error instanceof jwt.TokenExpiredError) {
      throw new OauthStateError(
        'expired',
        'The install link expired (it is valid for 10 minutes). Please start the installation again.',
      )
    }
    throw new OauthStateError(
      'invalid',
      'The install request could not be verified (invalid state). Please start the installation again.',
    )
  }
  const parsed = claimsSchema.safeParse(claims)
  const exp = (claims as { exp?: unknown } | null)?.exp
  if (!parsed.success || typeof exp !== 'number') {
    throw new OauthStateError(
      'invalid',
      'The install request could not be verified (invalid state). Please start the installation again.',
    )
  }
  return { ...parsed.data, expiresAt: new Date(exp * 1000) }
}

/**
 * Records the state's id as used; a second redemption (replay, on any instance) is refused.
 * Ids past their expiry are pruned: an expired state is refused by its signature check anyway.
 */
export async function redeemOauthState(
  db: Kysely<Database>,
  state: { jti: string; purpose: OauthPurpose; expiresAt: Date },
): Promise<void> {
  await db.deleteFrom('oauth_state_uses').where('expires_at', '<', new Date()).execute()
  const inserted = await db
    .insertInto('oauth_state_uses')
    .values({ jti: state.jti, purpose: state.purpose, expires_at: state.expiresAt })
    .onConflict((oc) => oc.column('jti').doNothing())
    .returning('jti')
    .executeTakeFirst()
  if (!inserted) {
    throw new OauthStateError(
      'replayed',
      'This install link was already used. Please start the installation again.',
    )
  }
}
