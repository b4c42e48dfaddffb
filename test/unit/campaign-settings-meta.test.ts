import { describe, expect, it } from 'vitest'
import {
  campaignSettingsSchema,
  parseCampaignSettings,
} from '../../src/ledger/campaign-settings.js'
import { escapeHtml } from '../../canvas/escape-html.js'
import { settingsForm } from '../../src/http/routes/admin-dashboard/settings-form.js'
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

describe('the generic settings renderer', () => {
  const campaign = {
    id: '00000000-0000-4000-8000-000000000000',
    workspaceId: 'ws',
    name: 'Refer a friend',
    isDefault: true,
    status: 'active' as const,
    settings: parseCampaignSettings({}),
    version: 1,
    updatedAt: new Date(),
  }
  // The marketer's set-up steps and the operator's Settings page share the settings between them.
  const page = (['campaign', 'settings'] as const)
    .map(
      (part) =>
        settingsForm(
          { api: '/api', preview: '/api/preview', campaign, part },
          { catalog: null, catalogNote: null, pools: [] },
        ).value,
    )
    .join('\n')

  it('draws every plain setting from its metadata: a labelled control with its help line', () => {
    const plain = allSettings(campaignSettingsSchema).filter(([path, schema]) => {
      const { shape } = settingInfo(schema)
      return !path.includes('#') && !['object', 'composite'].includes(shape.type)
    })
    expect(plain.length).toBeGreaterThan(30)
    for (const [path, schema] of plain) {
      const { meta } = settingInfo(schema)
      expect(page, path).toContain(`id="f-${path}"`)
      expect(page, path).toMatch(
        new RegExp(
          `<(label for="f-${path.replace(/\./g, '\\.')}"|legend)[^>]*>\\s*${escapeRegExp(escapeHtml(meta.title!))}`,
        ),
      )
      expect(page, path).toContain(escapeHtml(meta.description!))
    }
  })

  it('has no control that takes JSON', () => {
    expect(page).not.toContain('data-kind="json"')
  })
})

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
