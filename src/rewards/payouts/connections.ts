import { sql } from 'kysely'
import { z } from 'zod'
import type { PayoutConnectionRow } from '../../../db/tables/payouts.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { decryptToken, encryptToken, TokenDecryptionError } from '../../crypto/token-crypto.js'
import type { Db } from '../../ledger/db-types.js'
import { paypalProvider } from './paypal.js'
import {
  type CatalogItem,
  type Money,
  PayoutError,
  type PayoutEnvironment,
  type PayoutProvider,
  type PayoutProviderName,
} from './provider.js'
import { tangoCardProvider } from './tango-card.js'
import { tremendousProvider } from './tremendous.js'

const text = (max: number, message: string) => z.string().trim().min(1, message).max(max)

/** What an admin types to connect each provider; one schema for the form and the API. */
export const connectionInput = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('tremendous'),
    environment: z.enum(['sandbox', 'live']),
    apiKey: text(200, 'Paste the API key from Tremendous (Team settings → Developers).'),
    campaignId: z.string().trim().max(64).default(''),
    fundingSourceId: z.string().trim().max(64).default(''),
  }),
  z.object({
    provider: z.literal('tango_card'),
    environment: z.enum(['sandbox', 'live']),
    platformName: text(100, 'Enter the platform name Tango Card gave you.'),
    platformKey: text(200, 'Paste the platform key.'),
    customerIdentifier: text(100, 'Enter the customer identifier.'),
    accountIdentifier: text(100, 'Enter the account identifier the rewards are paid from.'),
  }),
  z.object({
    provider: z.literal('paypal'),
    environment: z.enum(['sandbox', 'live']),
    clientId: text(200, 'Paste the client id of your PayPal REST app.'),
    clientSecret: text(200, 'Paste the secret of your PayPal REST app.'),
  }),
])
export type ConnectionInput = z.infer<typeof connectionInput>

export interface PayoutConnectionView {
  readonly provider: PayoutProviderName
  readonly environment: PayoutEnvironment
  readonly keyHint: string
  readonly accountLabel: string | null
  readonly options: Record<string, string>
  readonly balance: Money | null
  readonly balanceCheckedAt: Date | null
  readonly lowBalanceMinor: number
  readonly lowBalance: boolean
  /** How many catalog items were read, and when; null before the first read. */
  readonly catalogSize: number | null
  readonly catalogReadAt: Date | null
  readonly verifiedAt: Date
}

const storedCatalogSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    currency: z.string(),
    brand: z.string().optional(),
    value: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('fixed'), minor: z.number() }),
        z.object({ kind: z.literal('range'), minMinor: z.number(), maxMinor: z.number() }),
      ])
      .optional(),
  }),
)

/** Providers whose catalog the admin picks rule products from. */
export const CATALOG_PROVIDERS: readonly PayoutProviderName[] = ['tango_card']

const secretContext = (workspaceId: string, provider: PayoutProviderName) =>
  `${workspaceId}:payout:${provider}`

function hint(secret: string): string {
  return secret.length <= 8 ? '…' : `${secret.slice(0, 4)}…${secret.slice(-4)}`
}

function split(input: ConnectionInput): {
  secret: string
  options: Record<string, string>
} {
  switch (input.provider) {
    case 'tremendous':
      return {
        secret: input.apiKey,
        options: {
          campaignId: input.campaignId,
          fundingSourceId: input.fundingSourceId || 'balance',
        },
      }
    case 'tango_card':
      return {
        secret: input.platformKey,
        options: {
          platformName: input.platformName,
          customerIdentifier: input.customerIdentifier,
          accountIdentifier: input.accountIdentifier,
        },
      }
    case 'paypal':
      return { secret: input.clientSecret, options: { clientId: input.clientId } }
  }
}

/** The provider client for these credentials, pointed at the configured API root if any. */
export function buildProvider(
  config: AppContext['config'],
  provider: PayoutProviderName,
  environment: PayoutEnvironment,
  secret: string,
  options: Record<string, string>,
): PayoutProvider {
  const base = config.payouts[provider]
  switch (provider) {
    case 'tremendous':
      return tremendousProvider(
        {
          apiKey: secret,
          campaignId: options.campaignId || null,
          fundingSourceId: options.fundingSourceId || 'balance',
        },
        environment,
        base,
      )
    case 'tango_card':
      return tangoCardProvider(
        {
          platformName: options.platformName ?? '',
          platformKey: secret,
          customerIdentifier: options.customerIdentifier ?? '',
          accountIdentifier: options.accountIdentifier ?? '',
        },
        environment,
        base,
      )
    case 'paypal':
      return paypalProvider(
        { clientId: options.clientId ?? '', clientSecret: secret },
        environment,
        base,
      )
  }
}

/**
 * Checks the credentials with one real call (the account and its balance), then stores the secret
 * encrypted. Credentials the provider refuses are not saved, and the admin is told why.
 */
export async function connectPayoutProvider(
  ctx: Pick<AppContext, 'db' | 'config'> & { logger?: AppContext['logger'] },
  workspaceId: string,
  input: ConnectionInput,
): Promise<PayoutConnectionView> {
  const { secret, options } = split(input)
  const provider = buildProvider(ctx.config, input.provider, input.environment, secret, options)
  let account
  try {
    account = await provider.account()
  } catch (error) {
    const message = error instanceof PayoutError ? error.message : String(error)
    const field =
      input.provider === 'tremendous'
        ? 'apiKey'
        : input.provider === 'tango_card'
          ? 'platformKey'
          : 'clientSecret'
    throw new AppError('unprocessable', `The provider did not accept these details: ${message}`, [
      { path: field, message },
    ])
  }
  const catalog = CATALOG_PROVIDERS.includes(input.provider)
    ? await provider.catalog().catch((error: unknown) => {
        // The account answered; a catalog read that fails now is read again on schedule.
        ctx.logger?.warn({ err: error, provider: input.provider }, 'payouts: catalog not read')
        return null
      })
    : null
  const values = {
    environment: input.environment,
    secret_ciphertext: encryptToken(
      ctx.config.encryptionKey,
      secret,
      secretContext(workspaceId, input.provider),
    ),
    key_hint: hint(secret),
    account_label: account.label,
    options: JSON.stringify(options),
    balance_minor: account.balance?.minor ?? null,
    balance_currency: account.balance?.currency ?? null,
    balance_checked_at: new Date(),
    catalog: catalog ? JSON.stringify(catalog) : null,
    catalog_read_at: catalog ? new Date() : null,
    verified_at: new Date(),
  }
  await ctx.db
    .insertInto('payout_connections')
    .values({ workspace_id: workspaceId, provider: input.provider, ...values })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'provider'])
        .doUpdateSet({ ...values, updated_at: sql<Date>`now()` }),
    )
    .execute()
  const views = await payoutConnections(ctx.db, workspaceId)
  return views.find((v) => v.provider === input.provider) as PayoutConnectionView
}

function toView(row: PayoutConnectionRow): PayoutConnectionView {
  const balance =
    row.balance_minor !== null && row.balance_currency
      ? { minor: row.balance_minor, currency: row.balance_currency }
      : null
  return {
    provider: row.provider,
    environment: row.environment,
    keyHint: row.key_hint,
    accountLabel: row.account_label,
    options: row.options,
    balance,
    balanceCheckedAt: row.balance_checked_at,
    lowBalanceMinor: row.low_balance_minor,
    lowBalance: balance !== null && balance.minor < row.low_balance_minor,
    catalogSize: Array.isArray(row.catalog) ? row.catalog.length : null,
    catalogReadAt: row.catalog_read_at,
    verifiedAt: row.verified_at,
  }
}

/** What the dashboard shows: never a secret, only its hint. */
export async function payoutConnections(
  db: Db,
  workspaceId: string,
): Promise<PayoutConnectionView[]> {
  const rows = await db
    .selectFrom('payout_connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('provider')
    .execute()
  return rows.map(toView)
}

/** The connected provider's client, or null when not connected (or ENCRYPTION_KEY changed). */
export async function payoutProviderFor(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger'>,
  workspaceId: string,
  provider: PayoutProviderName,
): Promise<PayoutProvider | null> {
  const row = await ctx.db
    .selectFrom('payout_connections')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('provider', '=', provider)
    .executeTakeFirst()
  if (!row) return null
  try {
    const secret = decryptToken(
      ctx.config.encryptionKey,
      row.secret_ciphertext,
      secretContext(workspaceId, provider),
    )
    return buildProvider(ctx.config, provider, row.environment, secret, row.options)
  } catch (error) {
    if (!(error instanceof TokenDecryptionError)) throw error
    ctx.logger.error(
      { workspaceId, provider, reason: error.message },
      'payouts: the stored secret cannot be decrypted with ENCRYPTION_KEY; connect the provider again',
    )
    return null
  }
}

/** Reads the provider's balance again and stores it; returns the refreshed view. */
export async function refreshBalance(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger'>,
  workspaceId: string,
  provider: PayoutProviderName,
): Promise<Money | null> {
  const client = await payoutProviderFor(ctx, workspaceId, provider)
  if (!client) return null
  const account = await client.account()
  await ctx.db
    .updateTable('payout_connections')
    .set({
      balance_minor: account.balance?.minor ?? null,
      balance_currency: account.balance?.currency ?? null,
      balance_checked_at: new Date(),
      updated_at: sql<Date>`now()`,
    })
    .where('workspace_id', '=', workspaceId)
    .where('provider', '=', provider)
    .execute()
  return account.balance
}

/** Reads the provider's catalog again and stores it; returns how many items it holds. */
export async function refreshCatalog(
  ctx: Pick<AppContext, 'db' | 'config' | 'logger'>,
  workspaceId: string,
  provider: PayoutProviderName,
): Promise<number | null> {
  const client = await payoutProviderFor(ctx, workspaceId, provider)
  if (!client) return null
  const items = await client.catalog()
  await ctx.db
    .updateTable('payout_connections')
    .set({ catalog: JSON.stringify(items), catalog_read_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('provider', '=', provider)
    .execute()
  return items.length
}

/** The catalog as last read (no call to the provider); null when never read or not connected. */
export async function storedCatalog(
  db: Db,
  workspaceId: string,
  provider: PayoutProviderName,
): Promise<CatalogItem[] | null> {
  const row = await db
    .selectFrom('payout_connections')
    .select('catalog')
    .where('workspace_id', '=', workspaceId)
    .where('provider', '=', provider)
    .executeTakeFirst()
  const parsed = storedCatalogSchema.safeParse(row?.catalog)
  return parsed.success ? parsed.data : null
}

/**
 * Forgets the provider's details (the encrypted secret goes with the row). Payouts not sent yet
 * stay requested and wait, saying why, until the provider is connected again.
 */
export async function disconnectPayoutProvider(
  db: Db,
  workspaceId: string,
  provider: PayoutProviderName,
): Promise<boolean> {
  const gone = await db
    .deleteFrom('payout_connections')
    .where('workspace_id', '=', workspaceId)
    .where('provider', '=', provider)
    .executeTakeFirst()
  return Number(gone.numDeletedRows) > 0
}

/** The balance under which the dashboard and the set-up checklist warn, in the balance's minor units. */
export async function setLowBalanceLine(
  db: Db,
  workspaceId: string,
  provider: PayoutProviderName,
  minor: number,
): Promise<boolean> {
  const updated = await db
    .updateTable('payout_connections')
    .set({ low_balance_minor: minor, updated_at: sql<Date>`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('provider', '=', provider)
    .executeTakeFirst()
  return Number(updated.numUpdatedRows) > 0
}
