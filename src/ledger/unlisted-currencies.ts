import { sql } from 'kysely'
import type { CampaignSettings } from './campaign-settings.js'
import type { Db } from './db-types.js'

/**
 * A currency saved as free text before currencies were chosen from a list ("DOL" for dollars),
 * kept as it was typed while its setting waits, empty, for the marketer to pick one.
 */
export interface CurrencyToPick {
  /** The form field to pick it in (`rewards.rules.0.currency`). */
  readonly field: string
  /** What the setting is, in the marketer's words. */
  readonly label: string
  /** The text as it was saved. */
  readonly saved: string
}

/** The campaign's currencies saved as free text (setting path → text), moved out of its settings. */
export async function unlistedCurrencies(
  db: Db,
  workspaceId: string,
  campaignId: string,
): Promise<Readonly<Record<string, string>>> {
  const row = await db
    .selectFrom('campaigns')
    .select(sql<string>`unlisted_currencies::text`.as('unlisted'))
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', campaignId)
    .executeTakeFirst()
  const parsed: unknown = row ? JSON.parse(row.unlisted) : {}
  if (typeof parsed !== 'object' || parsed === null) return {}
  return Object.fromEntries(
    Object.entries(parsed).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
}

/**
 * The currencies still to pick: a text saved for a setting that is still empty. Once the marketer
 * picks one (or removes the rule) it is no longer asked for; the text stays in the database.
 */
export function currenciesToPick(
  settings: CampaignSettings,
  unlisted: Readonly<Record<string, string>>,
): CurrencyToPick[] {
  const toPick: CurrencyToPick[] = []
  settings.rewards.rules.forEach((rule, index) => {
    const saved =
      unlisted[`rewards.rules.${rule.id}.currency`] ?? unlisted[`rewards.rules.${index}.currency`]
    if (saved === undefined || rule.currency !== null) return
    toPick.push({
      field: `rewards.rules.${index}.currency`,
      label: rule.description ? `The reward “${rule.description}”` : `Reward rule ${index + 1}`,
      saved,
    })
  })
  const minimum = unlisted['billing.minimumCurrency']
  if (minimum !== undefined && settings.billing.minimumCurrency === null) {
    toPick.push({
      field: 'billing.minimumCurrency',
      label: 'The minimum first payment',
      saved: minimum,
    })
  }
  return toPick
}
