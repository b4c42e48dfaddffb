import { sql } from 'kysely'
import type { AppContext } from '../context.js'
import { AppError } from '../errors.js'
import { decryptToken, encryptToken, TokenDecryptionError } from '../crypto/token-crypto.js'
import type { Db } from '../ledger/db-types.js'
import { stripeErrorMessage, stripeFor } from './stripe-client.js'

export interface StripeConnectionView {
  readonly connected: boolean
  readonly keyHint: string | null
  readonly accountId: string | null
  readonly accountName: string | null
  readonly livemode: boolean
  readonly verifiedAt: Date | null
}

export interface StripeSecrets {
  readonly secretKey: string
  readonly webhookSecret: string
}

// Secret and restricted keys only: a publishable key (pk_) cannot read anything.
const SECRET_KEY = /^(sk|rk)_(test|live)_[A-Za-z0-9_]{8,}$/
const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/=_-]{8,}$/

/** Which context a secret is encrypted for: a ciphertext copied to another row or column fails. */
const keyContext = (workspaceId: string) => `${workspaceId}:stripe-secret-key`
const webhookContext = (workspaceId: string) => `${workspaceId}:stripe-webhook-secret`

export function keyHint(secretKey: string): string {
  const mode = secretKey.includes('_live_') ? 'live' : 'test'
  return `${secretKey.slice(0, 3)}${mode}_…${secretKey.slice(-4)}`
}

/**
 * Checks the key with one read (the account it belongs to), then stores both secrets encrypted.
 * A key Stripe refuses is not saved, and the admin is told why at once.
 */
export async function connectStripe(
  ctx: Pick<AppContext, 'db' | 'config'>,
  workspaceId: string,
  secrets: StripeSecrets,
): Promise<StripeConnectionView> {
  const secretKey = secrets.secretKey.trim()
  const webhookSecret = secrets.webhookSecret.trim()
  const fields = []
  if (!SECRET_KEY.test(secretKey)) {
    fields.push({
      path: 'secretKey',
      message: 'A secret key starts with sk_live_, sk_test_ or rk_ (not the publishable pk_ key).',
    })
  }
  if (!WEBHOOK_SECRET.test(webhookSecret)) {
    fields.push({
      path: 'webhookSecret',
      message: "The endpoint's signing secret starts with whsec_ (Developers → Webhooks).",
    })
  }
  if (fields.length > 0) throw new AppError('bad_request', 'Check the Stripe keys.', fields)

  let account: { id: string; name: string | null }
  try {
    const found = await (await stripeFor(ctx.config, secretKey)).accounts.retrieveCurrent()
    account = {
      id: found.id,
      name:
        found.settings?.dashboard?.display_name ??
        found.business_profile?.name ??
        found.email ??
        null,
    }
  } catch (error) {
    throw new AppError(
      'unprocessable',
      `Stripe did not accept the key: ${stripeErrorMessage(error)}`,
      [{ path: 'secretKey', message: stripeErrorMessage(error) }],
    )
  }
  const values = {
    secret_key_ciphertext: encryptToken(
      ctx.config.encryptionKey,
      secretKey,
      keyContext(workspaceId),
    ),
    webhook_secret_ciphertext: encryptToken(
      ctx.config.encryptionKey,
      webhookSecret,
      webhookContext(workspaceId),
    ),
    key_hint: keyHint(secretKey),
    account_id: account.id,
    account_name: account.name,
    livemode: secretKey.includes('_live_'),
    verified_at: new Date(),
  }
  await ctx.db
    .insertInto('stripe_connections')
    .values({ workspace_id: workspaceId, ...values })
    .onConflict((oc) =>
      oc.column('workspace_id').doUpdateSet({ ...values, updated_at: sql<Date>`now()` }),
    )
    .execute()
  return (await stripeConnectionView(ctx.db, workspaceId)) as StripeConnectionView
}

export async function disconnectStripe(db: Db, workspaceId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('stripe_connections')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** What the dashboard and API show: never a secret, only its hint. */
export async function stripeConnectionView(
  db: Db,
  workspaceId: string,
): Promise<StripeConnectionView> {
  const row = await db
    .selectFrom('stripe_connections')
    .select(['key_hint', 'account_id', 'account_name', 'livemode', 'verified_at'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst()
  if (!row) {
    return {
      connected: false,
      keyHint: null,
      accountId: null,
      accountName: null,
      livemode: false,
      verifiedAt: null,
    }
  }
  return {
    connected: true,
    keyHint: row.key_hint,
    accountId: row.account_id,
    accountName: row.account_name,
    livemode: row.livemode,
    verifiedAt: row.verified_at,
  }
}

/** Both secrets in clear, or null when Stripe is not connected (or ENCRYPTION_KEY changed). */
export async function stripeSecrets(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger'>,
  workspaceId: string,
): Promise<StripeSecrets | null> {
  const row = await ctx.db
    .selectFrom('stripe_connections')
    .select(['secret_key_ciphertext', 'webhook_secret_ciphertext'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst()
  if (!row) return null
  try {
    return {
      secretKey: decryptToken(
        ctx.config.encryptionKey,
        row.secret_key_ciphertext,
        keyContext(workspaceId),
      ),
      webhookSecret: decryptToken(
        ctx.config.encryptionKey,
        row.webhook_secret_ciphertext,
        webhookContext(workspaceId),
      ),
    }
  } catch (error) {
    if (!(error instanceof TokenDecryptionError)) throw error
    ctx.logger.error(
      { workspaceId, reason: error.message },
      'stripe: the stored keys cannot be decrypted with ENCRYPTION_KEY; connect Stripe again',
    )
    return null
  }
}
