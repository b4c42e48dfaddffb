import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { ATTRIBUTE_KEYS, ATTRIBUTE_TYPES } from '../../src/ledger/campaign-settings.js'
import { startFakeIntercom, type FakeIntercom } from '../fake-intercom/server.js'
import { TEST_CLIENT_SECRET } from '../support/app.js'
import { signedCanvas, signedWebhook } from '../support/intercom.js'
import { startAppProcess, type AppProcess } from './support/app-process.js'
import { startPrivatePostgres, type PrivatePostgres } from './support/postgres.js'

/**
 * docker-compose.yml without Docker: two app processes from dist/ on one PostgreSQL, the same
 * environment on both. A referral goes end to end with every step on the other instance than
 * the one before, so anything one of them kept only in memory would break it.
 */
const WORKSPACE = 'wsscaleout'
const PUBLIC_URL = 'https://referrals.example.test'
const ADMIN_KEY = 'scale-out-admin-key-0123456789'

let postgres: PrivatePostgres | undefined
let fake: FakeIntercom
let a: AppProcess
let b: AppProcess

/** A database of this file's own: on CI's PostgreSQL (TEST_DATABASE_URL), else a private server. */
async function freshDatabaseUrl(): Promise<string> {
  const name = `scale_out_${randomBytes(4).toString('hex')}`
  const shared = process.env.TEST_DATABASE_URL
  if (!shared) {
    postgres = await startPrivatePostgres()
    return postgres.createDatabase(name)
  }
  const pg = (await import('pg')).default
  const admin = new pg.Client({ connectionString: shared })
  await admin.connect()
  try {
    await admin.query(`create database ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(shared)
  url.pathname = `/${name}`
  return url.toString()
}

async function eventually<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await check()
      if (value !== undefined) return value
      throw new Error(
        `never happened: ${what}\n${[a, b].map((p) => p.output.slice(-10).join('\n'))}`,
      )
    },
    { timeout: 60_000, interval: 100 },
  )
}

const messengerCard = async (app: AppProcess, contact: { id: string; email?: string | null }) => {
  const { raw, headers } = signedCanvas({
    workspace_id: WORKSPACE,
    canvas: { content_url: `${PUBLIC_URL}/canvas/messenger/live`, stored_data: {} },
    context: { location: 'home', locale: 'en' },
    contact: { type: 'contact', id: contact.id, role: 'user', email: contact.email },
  })
  const res = await fetch(`${app.url}/canvas/messenger/live`, {
    method: 'POST',
    headers,
    body: raw,
  })
  expect(res.status).toBe(200)
  return JSON.stringify(await res.json())
}

const adminGet = async (app: AppProcess, path: string) => {
  const res = await fetch(`${app.url}/api/v1/workspaces/${WORKSPACE}${path}`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { items: Record<string, unknown>[] }
}

beforeAll(async () => {
  const url = await freshDatabaseUrl()
  fake = await startFakeIntercom({ workspaceId: WORKSPACE, clientSecret: TEST_CLIENT_SECRET })
  for (const key of ATTRIBUTE_KEYS) fake.controls.defineAttribute(key, ATTRIBUTE_TYPES[key])
  // What docker-compose.yml gives both app services.
  const env = {
    NODE_ENV: 'production',
    DATABASE_URL: url,
    PUBLIC_URL,
    ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    ADMIN_API_KEY: ADMIN_KEY,
    INTERCOM_CLIENT_ID: 'scale-out-client',
    INTERCOM_CLIENT_SECRET: TEST_CLIENT_SECRET,
    INTERCOM_ACCESS_TOKEN: fake.accessToken,
    INTERCOM_WORKSPACE_ID: WORKSPACE,
    INTERCOM_API_BASE_URL: fake.url,
    LOG_LEVEL: 'warn',
  }
  // Started together, as `docker compose up` does: both run the migrations, under the lock.
  ;[a, b] = await Promise.all([startAppProcess(env), startAppProcess(env)])
})

afterAll(async () => {
  for (const app of [a, b]) if (app && app.child.exitCode === null) app.kill('SIGTERM')
  await Promise.all([a, b].filter(Boolean).map((app) => app.exited))
  await fake?.close()
  postgres?.destroy()
})

describe('two app instances on one PostgreSQL (the docker-compose topology)', () => {
  it('a referral made on one instance is served, attributed and reported by the other', async () => {
    const referrer = fake.controls.addContact({
      role: 'user',
      email: 'ada@acme.test',
      name: 'Ada Lovelace',
    })
    // A enrols the referrer and shows the link; B's card shows the same one.
    const card = await messengerCard(a, referrer)
    const code = new RegExp(`${PUBLIC_URL}/r/([\\w-]+)`).exec(card)?.[1]
    expect(code).toBeDefined()
    expect(await messengerCard(b, referrer)).toContain(`${PUBLIC_URL}/r/${code}`)

    // B serves the link A made, and counts the click.
    const click = await fetch(`${b.url}/r/${code}`, { redirect: 'manual' })
    expect(click.status).toBe(303)

    // Intercom tells B that the friend signed up with the code; either instance's worker
    // processes it from the shared queue.
    const friend = fake.controls.addContact({ role: 'user', email: 'friend@new.test' })
    const { raw, headers } = signedWebhook({
      type: 'notification_event',
      id: 'notif_scale_out_1',
      app_id: WORKSPACE,
      topic: 'contact.user.created',
      created_at: Math.floor(Date.now() / 1000),
      data: {
        type: 'notification_event_data',
        item: { ...friend, custom_attributes: { referred_by_code: code } },
      },
    })
    const delivered = await fetch(`${b.url}/intercom/webhooks`, {
      method: 'POST',
      headers,
      body: raw,
    })
    expect(delivered.status).toBe(200)

    // A's admin API reports the referral and the click. Attribution (pending) and qualification
    // are separate transactions of the notification's processing, so wait for the second.
    const referrals = await eventually(async () => {
      const { items } = await adminGet(a, '/referrals')
      return items.some((item) => item.status === 'qualified') ? items : undefined
    }, 'the referral is visible on A, qualified')
    expect(referrals).toHaveLength(1)
    expect(referrals[0]).toMatchObject({
      referrerCode: code,
      referrerEmail: 'ada@acme.test',
      friendEmail: 'friend@new.test',
      status: 'qualified',
    })
    const { items: referrers } = await adminGet(a, '/referrers')
    expect(referrers).toEqual([
      expect.objectContaining({ code, referralCount: 1, convertedCount: 1, clickCount: 1 }),
    ])

    // Intercom gets both contacts' attributes written back, once, by whichever instance.
    await eventually(async () => {
      const attributes = fake.state.contacts.get(friend.id)?.custom_attributes ?? {}
      return attributes.referred_by_code === code ? true : undefined
    }, "the friend's attributes written back")
    expect(fake.state.contacts.get(referrer.id)?.custom_attributes).toMatchObject({
      referral_code: code,
      referral_link: `${PUBLIC_URL}/r/${code}`,
    })
    // And B's card shows the referrer the friend A reported (the compact card's progress line).
    const after = JSON.parse(await messengerCard(b, referrer)) as {
      content: { components: { type: string; text?: string }[] }
    }
    const lines = after.content.components.map((component) => component.text ?? '')
    expect(lines).toContainEqual(expect.stringContaining('1 joined · 1 converted'))
  })
})
