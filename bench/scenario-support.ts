import type { FakeIntercom } from '../test/fake-intercom/server.js'
import { blankContact } from '../test/fake-intercom/state.js'
import type { DatabaseTarget } from '../db/connect.js'
import type { Figure } from './report.js'

/** What every scenario runs with: the server's environment, the database, the seeded size. */
export interface ScenarioContext {
  readonly serverEnv: Record<string, string>
  readonly target: DatabaseTarget
  readonly rows: number
  readonly secret: string
  readonly log: (line: string) => void
}

/** Bearer key for the admin API of the app processes the scenarios start. */
export const BENCH_ADMIN_KEY = 'bench-admin-key-0123456789abcdef'

/** Intercom's default budget, which the fake enforces as 1/6 of it per 10-second window. */
export const CALLS_PER_MINUTE = 10_000
export const WINDOW_MS = 10_000
/** The app allows itself 95 % of the budget (src/intercom/rate-limiter.ts): 1,583 calls a window. */
export const APP_CALLS_PER_WINDOW = Math.floor((CALLS_PER_MINUTE * 0.95) / 6)

export function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  return Number.isFinite(value) && value >= 0 ? value : fallback
}

/**
 * Seconds left of the whole run's budget (BENCH_BUDGET_SECONDS, default 570: `npm run bench` must
 * end within 10 minutes), counted from this process's start. Long scenarios cap their wait by it.
 */
export function budgetLeftSeconds(): number {
  return numberFromEnv('BENCH_BUDGET_SECONDS', 570) - process.uptime()
}

/** The row a scenario prints instead of its figures when it cannot run; the run goes on. */
export function notAvailable(scenario: string, why: string, failed = false): Figure {
  return {
    name: `${scenario}: not available: ${why.replace(/\s+/g, ' ').replace(/\|/g, '/').slice(0, 200)}`,
    value: 0,
    unit: '',
    target: '',
    met: failed ? false : null,
  }
}

/** Puts contacts with the given ids into the fake's store directly (the ids the ledger holds). */
export function addFakeContacts(fake: FakeIntercom, contactIds: readonly string[]): void {
  const now = Math.floor(Date.now() / 1000)
  for (const [index, id] of contactIds.entries()) {
    const contact = blankContact(
      fake.state,
      { id, role: 'user', email: `${id}@bench.test`, name: `Bench ${index + 1}` },
      now,
    )
    fake.state.contacts.set(id, contact)
  }
}

export async function adminJson(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      authorization: `Bearer ${BENCH_ADMIN_KEY}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  let json: unknown = text
  try {
    json = JSON.parse(text)
  } catch {
    // not JSON: keep the text for the error message
  }
  return { status: res.status, json }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits
  return Math.round(value * f) / f
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
