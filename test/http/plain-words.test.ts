import supertest from 'supertest'
import { beforeAll, describe, expect, it } from 'vitest'
import { campaignSettingsSchema } from '../../src/ledger/campaign-settings.js'
import { createDemoWorkspace } from '../../src/ledger/demo-workspace.js'
import {
  allSettings,
  settingInfo,
} from '../../src/http/routes/admin-dashboard/campaign-editor/setting-schema.js'
import { valueLabel } from '../../src/http/routes/admin-dashboard/campaign-editor/controls.js'
import { ADMIN_KEY, sessionCookie } from '../support/admin.js'
import { testApp } from '../support/app.js'

// Every word a marketer reads in the dashboard is a plain word: no keys (custom_attributes.plan),
// no enum spellings (First_invoice), no environment variable names (but ADMIN_API_KEY, which the
// sign-in page must name), no validator defaults ("Too small: expected string…").

/** The one variable name a page may show: where the sign-in key comes from. */
const ALLOWED = new Set(['ADMIN_API_KEY'])

const KEY_LIKE: readonly [string, RegExp][] = [
  ['snake_case or an enum spelling', /\b[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*[A-Za-z0-9]\b/g],
  ['camelCase key', /\b[a-z]+[A-Z][A-Za-z]*\b/g],
  [
    'a validator’s default message',
    /Too (?:small|big): expected|Invalid (?:input|option|string|type)\b|expected \w+, received|Unrecognized key|^Required$/gm,
  ],
]

/** Environment variable spellings: never on a page, literal or not (but ALLOWED). */
const VARIABLE = /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g

/**
 * The words a person sees on a page: text, option labels, placeholders, titles, labels for AT.
 * Literals (a name to type or find in Intercom exactly as written, a copyable message recipe) are
 * set apart in <code>, <pre>, <kbd>, <samp> or <textarea>, or shown as the example of a box that
 * takes a literal name (spellcheck off): those are returned apart, for the variable check alone.
 */
function visibleText(page: string): { prose: string; literals: string } {
  const literals: string[] = []
  let body = page
    .replace(/<head>[\s\S]*?<\/head>/i, ' ')
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<(code|pre|kbd|samp|textarea)\b[^>]*>([\s\S]*?)<\/\1>/gi, (_m, _tag, inner) => {
      literals.push(String(inner).replace(/<[^>]+>/g, ' '))
      return ' '
    })
  body = body.replace(/<input\b[^>]*\bspellcheck="false"[^>]*>/gi, (tag) => {
    literals.push(/placeholder="([^"]*)"/.exec(tag)?.[1] ?? '')
    return ' '
  })
  const attributes = [...body.matchAll(/\s(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map(
    (m) => m[1],
  )
  const text = body.replace(/<[^>]+>/g, ' ')
  const clean = (t: string) =>
    decode(t)
      .replace(/\S+@\S+/g, ' ') // people's emails
      .replace(/\bhttps?:\/\/\S+/g, ' ') // addresses
  return { prose: clean([text, ...attributes].join('\n')), literals: clean(literals.join('\n')) }
}

/** Problems of one page: key-like words in its prose, variable names anywhere. */
function pageProblems(page: string): string[] {
  const { prose, literals } = visibleText(page)
  const variables = [...literals.matchAll(VARIABLE)]
    .map((m) => m[0])
    .filter((name) => !ALLOWED.has(name))
    .map((name) => `an environment variable: ${name}`)
  return [...keyLikeWords(prose), ...new Set(variables)]
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** What in `text` reads as a key, an enum spelling or a validator default, with its kind. */
function keyLikeWords(text: string): string[] {
  const found = new Set<string>()
  for (const [kind, pattern] of KEY_LIKE) {
    for (const match of text.matchAll(pattern)) {
      if (!ALLOWED.has(match[0])) found.add(`${kind}: ${match[0]}`)
    }
  }
  return [...found]
}

describe('plain words in the dashboard', () => {
  let sut: Awaited<ReturnType<typeof testApp>>
  let workspaceId: string
  let cookie: Record<string, string>
  let ids: { campaign: string; referrer: string }

  beforeAll(async () => {
    sut = await testApp()
    workspaceId = (await createDemoWorkspace(sut.ctx.db)).id
    cookie = sessionCookie(sut.ctx.config, workspaceId)
    const campaign = await sut.ctx.db
      .selectFrom('campaigns')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow()
    const referrer = await sut.ctx.db
      .selectFrom('referrers')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('referral_count', '>', 0)
      .executeTakeFirstOrThrow()
    ids = { campaign: campaign.id, referrer: referrer.id }
  })

  it('finds key-like words, and lets plain ones through', () => {
    expect(keyLikeWords('Event First_invoice, custom_attributes.plan, STRIPE_SECRET_KEY')).toEqual([
      'snake_case or an enum spelling: First_invoice',
      'snake_case or an enum spelling: custom_attributes',
      'snake_case or an enum spelling: STRIPE_SECRET_KEY',
    ])
    expect(keyLikeWords('Too small: expected string to have >=1 characters')).toEqual([
      'a validator’s default message: Too small: expected',
    ])
    expect(keyLikeWords('Set ADMIN_API_KEY. The first invoice qualifies a friend.')).toEqual([])
  })

  it('labels every option of every campaign setting in words', () => {
    const problems: string[] = []
    for (const [path, schema] of allSettings(campaignSettingsSchema)) {
      const info = settingInfo(schema)
      const words = [info.meta.title ?? '', info.meta.description ?? '']
      if (info.shape.type === 'enum') {
        for (const value of info.shape.values) words.push(valueLabel(path, value, info))
      }
      words.push(...Object.values(info.meta.options ?? {}))
      for (const found of keyLikeWords(words.join('\n'))) problems.push(`${path}: ${found}`)
    }
    expect(problems).toEqual([])
  })

  it('shows no key-like word on any page a marketer opens', async () => {
    const base = `/admin/w/${workspaceId}`
    const pages = [
      '',
      '/analytics',
      '/analytics?days=7',
      '/campaigns',
      `/campaigns/${ids.campaign}`,
      `/campaigns/${ids.campaign}/coupons`,
      '/notices',
      '/referrers',
      `/referrers/${ids.referrer}`,
      '/referrals',
      '/referrals?status=pending',
      '/rewards',
      '/rewards?status=approved',
      '/rewards?status=fulfilled',
      '/billing',
      '/payouts',
      '/sync',
      '/backfill',
      '/fin',
      '/privacy',
      '/contests',
      '/contests/new',
      '/experiments',
      '/experiments/new',
      '/settings',
    ]
    const problems: string[] = []
    for (const path of pages) {
      const res = await supertest(sut.app).get(`${base}${path}`).set(cookie)
      expect(res.status, path).toBe(200)
      for (const found of pageProblems(res.text)) problems.push(`${path}: ${found}`)
    }
    // Signed out: the sign-in page; the operator's first run: the welcome.
    const signIn = await supertest(sut.app).get('/admin')
    for (const found of pageProblems(signIn.text)) problems.push(`sign-in: ${found}`)
    const agent = supertest.agent(sut.app)
    await agent.post('/admin/sign-in').type('form').send({ key: ADMIN_KEY })
    const workspaces = await agent.get('/admin')
    for (const found of pageProblems(workspaces.text)) problems.push(`workspaces: ${found}`)
    expect(problems).toEqual([])
  })

  it('answers a badly filled campaign in words, never a validator default', async () => {
    const res = await supertest(sut.app)
      .patch(`/api/v1/workspaces/${workspaceId}/campaigns/${ids.campaign}`)
      .set(cookie)
      .send({
        name: '',
        settings: {
          layout: 'huge',
          rewardGoal: 'three',
          qualification: { values: [''] },
          rewards: { rules: [{ id: 'r1', kind: 'fixed', amountMinor: -5, currency: 'usd' }] },
          landing: { url: 'not a url' },
        },
      })
    expect(res.status).toBe(400)
    const messages: string[] = [
      res.body.error.message,
      ...(res.body.error.fields ?? []).map((f: { message: string }) => f.message),
    ]
    expect(messages.length).toBeGreaterThan(1)
    expect(keyLikeWords(messages.join('\n'))).toEqual([])
  })
})
