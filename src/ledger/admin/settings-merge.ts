import { AppError } from '../../errors.js'
import {
  type CampaignSettings,
  campaignSettingsInputSchema,
  settingIssueMessage,
} from '../campaign-settings.js'

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// Sections whose values are maps: a patch replaces them whole, so a key can be removed.
const REPLACED_MAPS = new Set(['referrerFields', 'friendFields', 'defaults', 'fieldMap'])

function merge(current: unknown, patch: unknown): unknown {
  if (!isPlainObject(current) || !isPlainObject(patch)) return patch
  const merged: Record<string, unknown> = { ...current }
  for (const [key, value] of Object.entries(patch)) {
    merged[key] = REPLACED_MAPS.has(key) ? value : merge(current[key], value)
  }
  return merged
}

/**
 * Applies a partial settings patch (objects merged key by key; arrays and maps replaced), then
 * validates the whole result. A bad value is a 400 naming `settings.<path>`.
 */
export function mergeCampaignSettings(
  current: CampaignSettings,
  patch: Record<string, unknown>,
): CampaignSettings {
  const result = campaignSettingsInputSchema.safeParse(merge(current, patch), {
    error: settingIssueMessage,
  })
  if (result.success) return result.data
  const fields = result.error.issues.map((issue) => ({
    path: ['settings', ...issue.path].join('.'),
    message: issue.message,
  }))
  throw new AppError(
    'bad_request',
    `Invalid body: ${fields[0]?.path}: ${fields[0]?.message}`,
    fields,
  )
}

/** true when the Intercom attribute names changed, so the data attributes must be synced. */
export function attributeMappingChanged(
  before: CampaignSettings,
  after: CampaignSettings,
): boolean {
  return JSON.stringify(before.attributes) !== JSON.stringify(after.attributes)
}
