import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
//
// Currencies used to be typed in, so a campaign could hold text that is no currency ("DOL" for
// dollars), which the settings' currency list now refuses on every read. This moves such text out
// of the settings (the field becomes empty, and a reward without a currency is not given) into
// `unlisted_currencies`, keyed by where it was: `rewards.rules.<rule id>.currency` or
// `billing.minimumCurrency`. Nothing is lost, and the dashboard asks the marketer to pick one.

// ISO 4217's codes as the list had them when this migration was written.
// prettier-ignore
const LISTED = new Set([
  'AED', 'AFN', 'ALL', 'AMD', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BGN',
  'BHD', 'BIF', 'BMD', 'BND', 'BOB', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF',
  'CHF', 'CLP', 'CNY', 'COP', 'CRC', 'CUP', 'CVE', 'CZK', 'DJF', 'DKK', 'DOP', 'DZD', 'EGP',
  'ERN', 'ETB', 'EUR', 'FJD', 'FKP', 'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GNF', 'GTQ', 'GYD',
  'HKD', 'HNL', 'HTG', 'HUF', 'IDR', 'ILS', 'INR', 'IQD', 'IRR', 'ISK', 'JMD', 'JOD', 'JPY',
  'KES', 'KGS', 'KHR', 'KMF', 'KPW', 'KRW', 'KWD', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD',
  'LSL', 'LYD', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR', 'MVR', 'MWK',
  'MXN', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'OMR', 'PAB', 'PEN', 'PGK',
  'PHP', 'PKR', 'PLN', 'PYG', 'QAR', 'RON', 'RSD', 'RUB', 'RWF', 'SAR', 'SBD', 'SCR', 'SDG',
  'SEK', 'SGD', 'SHP', 'SLE', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SYP', 'SZL', 'THB', 'TJS',
  'TMT', 'TND', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH', 'UGX', 'USD', 'UYU', 'UZS', 'VES',
  'VND', 'VUV', 'WST', 'XAF', 'XCD', 'XCG', 'XOF', 'XPF', 'YER', 'ZAR', 'ZMW', 'ZWG',
])

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** A stored currency the list refuses (the list takes any case and surrounding spaces). */
const unlisted = (value: unknown): value is string =>
  typeof value === 'string' && !LISTED.has(value.trim().toUpperCase())

/** Moves every unlisted currency of one campaign's settings out; null when there is none. */
function moveOut(settings: Json): { settings: Json; moved: Record<string, string> } | null {
  const moved: Record<string, string> = {}
  const rewards = isObject(settings.rewards) ? settings.rewards : null
  const rules = Array.isArray(rewards?.rules) ? rewards.rules : []
  const keptRules = rules.map((rule: unknown, index) => {
    if (!isObject(rule) || !unlisted(rule.currency)) return rule
    const id = typeof rule.id === 'string' && rule.id.trim() ? rule.id.trim() : String(index)
    moved[`rewards.rules.${id}.currency`] = rule.currency
    return { ...rule, currency: null }
  })
  const billing = isObject(settings.billing) ? settings.billing : null
  let keptBilling = billing
  if (billing && unlisted(billing.minimumCurrency)) {
    moved['billing.minimumCurrency'] = billing.minimumCurrency
    keptBilling = { ...billing, minimumCurrency: null }
  }
  if (Object.keys(moved).length === 0) return null
  return {
    settings: {
      ...settings,
      ...(rewards ? { rewards: { ...rewards, rules: keptRules } } : {}),
      ...(keptBilling ? { billing: keptBilling } : {}),
    },
    moved,
  }
}

/** The data step on its own (also run by its test on a campaign stored the old way). */
export async function moveUnlistedCurrencies(db: Kysely<any>): Promise<number> {
  const rows = await db
    .selectFrom('campaigns')
    .select([
      'id',
      sql<string>`settings::text`.as('settings'),
      sql<string>`unlisted_currencies::text`.as('unlisted'),
    ])
    .execute()
  let changed = 0
  for (const row of rows) {
    const settings: unknown = JSON.parse(row.settings)
    const result = isObject(settings) ? moveOut(settings) : null
    if (!result) continue
    const before: unknown = JSON.parse(row.unlisted)
    await db
      .updateTable('campaigns')
      .set({
        settings: JSON.stringify(result.settings),
        unlisted_currencies: JSON.stringify({
          ...(isObject(before) ? before : {}),
          ...result.moved,
        }),
      })
      .where('id', '=', row.id)
      .execute()
    changed += 1
  }
  return changed
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('campaigns')
    .addColumn('unlisted_currencies', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute()
  await moveUnlistedCurrencies(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').dropColumn('unlisted_currencies').execute()
}
