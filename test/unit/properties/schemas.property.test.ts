import { readdirSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ZodError, ZodType } from 'zod'
import {
  campaignSettingsSchema,
  parseCampaignSettings,
} from '../../../src/ledger/campaign-settings.js'
import { ConfigError, loadConfig } from '../../../src/config.js'

const ROOT = new URL('../../../', import.meta.url).pathname

// Entry points run on import; everything else only declares.
const NOT_IMPORTED = /(^|\/)(main|cli\/.*|migrate)\.ts$/

function sourceFiles(dir: string): string[] {
  let out: string[] = []
  for (const name of readdirSync(join(ROOT, dir))) {
    const path = join(dir, name)
    if (statSync(join(ROOT, path)).isDirectory()) out = out.concat(sourceFiles(path))
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && !NOT_IMPORTED.test(path))
      out.push(path)
  }
  return out
}

/** Every exported zod schema in src/ and canvas/, found at run time so later schemas are covered too. */
async function reachableSchemas(): Promise<Array<{ name: string; schema: ZodType }>> {
  const found: Array<{ name: string; schema: ZodType }> = []
  const dirs = ['src', 'canvas'].filter((d) => {
    try {
      return statSync(join(ROOT, d)).isDirectory()
    } catch {
      return false
    }
  })
  for (const file of dirs.flatMap(sourceFiles)) {
    let mod: Record<string, unknown>
    try {
      mod = (await import(pathToFileURL(join(ROOT, file)).href)) as Record<string, unknown>
    } catch {
      continue // a file another helper is still writing; its schemas are picked up once it compiles
    }
    for (const [name, value] of Object.entries(mod)) {
      if (value instanceof ZodType)
        found.push({ name: `${relative(ROOT, join(ROOT, file))}#${name}`, schema: value })
    }
  }
  return found
}

// Hostile JSON: deep nesting, huge strings, bad unicode, prototype-pollution keys, odd numbers.
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1e308,
      -0,
      Number.MAX_SAFE_INTEGER + 2,
      '',
      '__proto__',
    ),
    fc.double(),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ maxLength: 20000 }).filter((s) => s.length > 10000 || s.length < 50),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(
      fc.oneof(
        fc.string({ maxLength: 12 }),
        fc.constantFrom('__proto__', 'constructor', 'prototype'),
      ),
      tie('value'),
      { maxKeys: 5 },
    ),
  ),
})).value

describe('every reachable zod schema (property)', () => {
  // Imports every source file first (most of its time): on a loaded machine, more than 30 s.
  it('answers any JSON with a result or a ZodError, never another exception', async () => {
    const schemas = await reachableSchemas()
    expect(schemas.length).toBeGreaterThan(0)
    if (process.env.SHOW_SCHEMAS) console.log(schemas.map((s) => s.name).join('\n'))
    for (const { name, schema } of schemas) {
      fc.assert(
        fc.property(hostileJson, (input) => {
          try {
            const result = schema.safeParse(input)
            if (!result.success) expect(result.error, name).toBeInstanceOf(ZodError)
          } catch (error) {
            // Async refinements cannot run in safeParse; that is a schema shape, not a crash.
            if (error instanceof Error && /async/i.test(error.message)) return
            throw new Error(`${name} threw ${String(error)}`)
          }
        }),
        { numRuns: 60 },
      )
    }
  }, 120_000)
})

describe('campaign settings (property)', () => {
  it('parsing is idempotent: saved settings read back identical', () => {
    fc.assert(
      fc.property(hostileJson, (input) => {
        const first = campaignSettingsSchema.safeParse(input)
        if (!first.success) return
        expect(parseCampaignSettings(first.data)).toEqual(first.data)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps numbers in range and URLs http(s) whatever is submitted', () => {
    const settings = fc.record(
      {
        destinationUrl: fc.oneof(fc.webUrl(), fc.string(), fc.constant('javascript:alert(1)')),
        card: fc.record({ rewardGoal: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }),
        fraud: fc.record({ maxReferralsPerHour: fc.integer() }, { requiredKeys: [] }),
        rewards: fc.record(
          {
            fulfilmentWebhookUrl: fc.oneof(
              fc.webUrl(),
              fc.string(),
              fc.constant('file:///etc/passwd'),
            ),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(settings, (input) => {
        const result = campaignSettingsSchema.safeParse(input)
        if (!result.success) return
        const s = result.data
        expect(s.card.rewardGoal).toBeGreaterThanOrEqual(1)
        expect(s.card.rewardGoal).toBeLessThanOrEqual(1000)
        expect(Number.isInteger(s.fraud.maxReferralsPerHour)).toBe(true)
        for (const url of [s.destinationUrl, s.rewards.fulfilmentWebhookUrl])
          if (url !== null) expect(url).toMatch(/^https?:/)
      }),
      { numRuns: 500 },
    )
  })
})

describe('loadConfig (property)', () => {
  const variable = fc.constantFrom(
    'PORT',
    'PUBLIC_URL',
    'DATABASE_URL',
    'DATA_DIR',
    'INTERCOM_REGION',
    'INTERCOM_API_BASE_URL',
    'ENCRYPTION_KEY',
    'ADMIN_API_KEY',
    'LOG_LEVEL',
    'NODE_ENV',
    'INTERCOM_ACCESS_TOKEN',
    'INTERCOM_WORKSPACE_ID',
  )
  const value = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.webUrl(),
    fc.integer().map(String),
  )

  it('either returns a frozen config or throws one ConfigError naming a variable', () => {
    fc.assert(
      fc.property(fc.dictionary(variable, value, { maxKeys: 6 }), (env) => {
        try {
          const config = loadConfig(env)
          expect(Object.isFrozen(config)).toBe(true)
          expect(config.port).toBeGreaterThanOrEqual(0)
          expect(config.publicUrl).toMatch(/^https?:\/\/[^]*[^/]$/)
          expect(config.encryptionKey).toHaveLength(32)
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError)
          expect((error as Error).message).toMatch(/^[A-Z_]+: /)
          expect((error as Error).message).not.toContain('\n')
        }
      }),
      { numRuns: 1000 },
    )
  })
})
