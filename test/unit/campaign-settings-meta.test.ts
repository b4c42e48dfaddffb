import { describe, expect, it } from 'vitest'
import { campaignSettingsSchema } from '../../src/ledger/campaign-settings.js'
import {
  allSettings,
  settingInfo,
} from '../../src/http/routes/admin-dashboard/campaign-editor/setting-schema.js'

describe('campaign settings metadata', () => {
  const settings = allSettings(campaignSettingsSchema)

  it('finds the settings, nested sections and reward-rule fields included', () => {
    const paths = settings.map(([path]) => path)
    expect(paths).toContain('qualification.attribute')
    expect(paths).toContain('rewards.rules.#.kind')
    expect(paths).toContain('attributes.referral_code')
    expect(paths.length).toBeGreaterThan(50)
  })

  it('gives every setting a title and a one-line description for the dashboard', () => {
    const missing = settings
      .filter(([, schema]) => {
        const { meta } = settingInfo(schema)
        return !meta.title?.trim() || !meta.description?.trim()
      })
      .map(([path]) => path)
    expect(missing, 'add .meta({ title, description }) to these settings').toEqual([])
  })

  it('keeps descriptions to one line and titles free of key-like words', () => {
    for (const [path, schema] of settings) {
      const { meta } = settingInfo(schema)
      expect(meta.description, path).not.toMatch(/\n/)
      expect(meta.title, path).not.toMatch(/[a-z][A-Z]|_/)
    }
  })
})
