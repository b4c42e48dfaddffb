import { createHmac, randomBytes } from 'node:crypto'
import { z } from 'zod'
import { REQUEST_WAIT_MS } from '../db/session-admission.js'

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional()

const regionSchema = z
  .string()
  .trim()
  .transform((value) => value.toUpperCase())
  .pipe(z.enum(['US', 'EU', 'AU']))

// One schema for the environment (docs/configuration.md); nothing else reads process.env.
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    DATABASE_URL: optionalText.pipe(
      z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
    ),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    INTERCOM_CLIENT_ID: optionalText,
    INTERCOM_CLIENT_SECRET: optionalText,
    INTERCOM_ACCESS_TOKEN: optionalText,
    INTERCOM_WORKSPACE_ID: optionalText,
    INTERCOM_REGION: optionalText.pipe(regionSchema.optional()),
    INTERCOM_API_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    STRIPE_API_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    // Payout providers' API roots, for tests against fakes; unset = the provider's own host.
    TREMENDOUS_API_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    TANGO_CARD_API_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    PAYPAL_API_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    // Intercom raises an app's limit on request; the app keeps under 95 % of whatever applies.
    INTERCOM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(60).max(10_000_000).default(10_000),
    // Embedded PGlite: how long a request's statement may wait for the one session before it is
    // shed (a busy card or a 503 at once, db/session-admission.ts). Tests on a loaded machine
    // pass more; production keeps the default.
    PGLITE_REQUEST_WAIT_MS: z.coerce.number().int().min(100).max(10_000).default(REQUEST_WAIT_MS),
    INTERCOM_BACKFILL: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(['on', 'off'], { error: 'must be on or off' }))
      .default('on'),
    ENCRYPTION_KEY: optionalText.pipe(
      z
        .string()
        .refine((value) => Buffer.from(value, 'base64').length === 32, {
          error: 'must be 32 bytes, base64-encoded',
        })
        .optional(),
    ),
    ADMIN_API_KEY: optionalText.pipe(
      z.string().min(16, 'must be at least 16 characters').optional(),
    ),
    // Retention (README "Privacy"): how long each kind of record is kept, in days.
    RETENTION_LINK_CLICKS_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    RETENTION_CONTACT_SNAPSHOTS_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    RETENTION_WEBHOOK_NOTIFICATIONS_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    RETENTION_FINISHED_JOBS_DAYS: z.coerce.number().int().min(1).max(365).default(7),
    // Hosts (names or IPs, comma-separated) an admin-given URL may use although they are private,
    // e.g. a fulfilment service on the same private network. Metadata addresses stay refused.
    OUTBOUND_ALLOWED_PRIVATE_HOSTS: z
      .string()
      .trim()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((host) => host.trim().toLowerCase())
          .filter(Boolean),
      ),
    // The playground (a local stand-in for Intercom): on, off, or unset = on only outside
    // production when no Intercom credentials are configured (docs/security.md).
    PLAYGROUND: optionalText.pipe(
      z
        .string()
        .toLowerCase()
        .pipe(z.enum(['on', 'off'], { error: 'must be on or off' }))
        .optional(),
    ),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .superRefine((env, issue) => {
    if (env.NODE_ENV === 'production' && !env.ENCRYPTION_KEY) {
      issue.addIssue({
        code: 'custom',
        path: ['ENCRYPTION_KEY'],
        message: 'is required when NODE_ENV=production',
      })
    }
    if (env.INTERCOM_ACCESS_TOKEN && !env.INTERCOM_WORKSPACE_ID) {
      issue.addIssue({
        code: 'custom',
        path: ['INTERCOM_WORKSPACE_ID'],
        message: 'is required with INTERCOM_ACCESS_TOKEN (private-app mode)',
      })
    }
  })

export type Region = 'US' | 'EU' | 'AU'

export interface Config {
  readonly env: 'development' | 'production' | 'test'
  /** PGLITE_REQUEST_WAIT_MS: a request's longest wait for the embedded database's session. */
  readonly requestWaitMs: number
  readonly port: number
  readonly publicUrl: string
  readonly database:
    | { readonly kind: 'postgres'; readonly url: string }
    | {
        readonly kind: 'pglite'
        readonly dataDir: string
        /** Never from the environment: the tests' migrated cluster an in-memory database starts from. */
        readonly snapshot?: Blob
      }
  readonly intercom: {
    readonly clientId: string | undefined
    readonly clientSecret: string | undefined
    readonly privateApp:
      | { readonly accessToken: string; readonly workspaceId: string; readonly region: Region }
      | undefined
    readonly apiBaseUrl: string | undefined
    readonly rateLimitPerMinute: number
    /** INTERCOM_BACKFILL: a newly connected workspace gets codes and links for its existing users. */
    readonly backfill: boolean
  }
  readonly stripe: {
    /** STRIPE_API_BASE_URL split for the stripe client; undefined = Stripe's own host. */
    readonly api:
      | { readonly protocol: 'http' | 'https'; readonly host: string; readonly port: number }
      | undefined
  }
  /** Payout providers' API roots when overridden (tests); undefined = the provider's own. */
  readonly payouts: {
    readonly tremendous: string | undefined
    readonly tango_card: string | undefined
    readonly paypal: string | undefined
  }
  /** The key that signs Canvas Kit and webhook requests: INTERCOM_CLIENT_SECRET. */
  readonly signingSecret: string | undefined
  /**
   * The playground sandbox, when on: its own signing key (never the client secret), accepted only
   * for the playground's own demo workspace.
   */
  readonly playground: { readonly signingSecret: string } | undefined
  readonly encryptionKey: Buffer
  readonly encryptionKeyGenerated: boolean
  readonly adminApiKey: string | undefined
  readonly logLevel: string
  readonly retention: {
    readonly linkClicksDays: number
    readonly contactSnapshotsDays: number
    readonly webhookNotificationsDays: number
    readonly finishedJobsDays: number
  }
  /** Private hosts an operator allows admin-given URLs to reach (see src/http/outbound-url.ts). */
  readonly outboundAllowedPrivateHosts: readonly string[]
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError'
}

/** Parses the environment once; a bad value throws ConfigError whose message names the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    const variable = first?.path[0] ?? 'environment'
    const value = typeof variable === 'string' ? env[variable] : undefined
    const reason = first?.message ?? 'is invalid'
    const shown =
      value === undefined
        ? ''
        : ` (got ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)})`
    throw new ConfigError(`${String(variable)}: ${reason}${shown}`)
  }
  const e = parsed.data
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '')
  const encryptionKey = e.ENCRYPTION_KEY ? Buffer.from(e.ENCRYPTION_KEY, 'base64') : randomBytes(32)
  return Object.freeze({
    env: e.NODE_ENV,
    requestWaitMs: e.PGLITE_REQUEST_WAIT_MS,
    port: e.PORT,
    publicUrl,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.DATA_DIR },
    intercom: Object.freeze({
      clientId: e.INTERCOM_CLIENT_ID,
      clientSecret: e.INTERCOM_CLIENT_SECRET,
      privateApp:
        e.INTERCOM_ACCESS_TOKEN && e.INTERCOM_WORKSPACE_ID
          ? {
              accessToken: e.INTERCOM_ACCESS_TOKEN,
              workspaceId: e.INTERCOM_WORKSPACE_ID,
              region: e.INTERCOM_REGION ?? 'US',
            }
          : undefined,
      apiBaseUrl: e.INTERCOM_API_BASE_URL?.replace(/\/+$/, ''),
      rateLimitPerMinute: e.INTERCOM_RATE_LIMIT_PER_MINUTE,
      backfill: e.INTERCOM_BACKFILL === 'on',
    }),
    stripe: Object.freeze({ api: stripeApi(e.STRIPE_API_BASE_URL) }),
    payouts: Object.freeze({
      tremendous: e.TREMENDOUS_API_BASE_URL?.replace(/\/+$/, ''),
      tango_card: e.TANGO_CARD_API_BASE_URL?.replace(/\/+$/, ''),
      paypal: e.PAYPAL_API_BASE_URL?.replace(/\/+$/, ''),
    }),
    signingSecret: e.INTERCOM_CLIENT_SECRET,
    playground: playgroundOn(e)
      ? {
          // Derived from ENCRYPTION_KEY so every instance of one deployment agrees on it.
          signingSecret: `playground-${createHmac('sha256', encryptionKey).update('playground signing key').digest('hex')}`,
        }
      : undefined,
    encryptionKey,
    encryptionKeyGenerated: !e.ENCRYPTION_KEY,
    adminApiKey: e.ADMIN_API_KEY,
    logLevel: e.LOG_LEVEL,
    retention: Object.freeze({
      linkClicksDays: e.RETENTION_LINK_CLICKS_DAYS,
      contactSnapshotsDays: e.RETENTION_CONTACT_SNAPSHOTS_DAYS,
      webhookNotificationsDays: e.RETENTION_WEBHOOK_NOTIFICATIONS_DAYS,
      finishedJobsDays: e.RETENTION_FINISHED_JOBS_DAYS,
    }),
    outboundAllowedPrivateHosts: Object.freeze([...e.OUTBOUND_ALLOWED_PRIVATE_HOSTS]),
  } satisfies Config)
}

/** PLAYGROUND=on|off decides; unset, it is on only outside production without Intercom credentials. */
function playgroundOn(e: z.infer<typeof envSchema>): boolean {
  if (e.PLAYGROUND) return e.PLAYGROUND === 'on'
  const credentials = Boolean(e.INTERCOM_CLIENT_SECRET || e.INTERCOM_ACCESS_TOKEN)
  return e.NODE_ENV !== 'production' && !credentials
}

function stripeApi(url: string | undefined): Config['stripe']['api'] {
  if (!url) return undefined
  const parsed = new URL(url)
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https'
  return {
    protocol,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : protocol === 'http' ? 80 : 443,
  }
}
