import { vi } from 'vitest'
export interface InstallOutcome {
  /** Where the app sent the teammate last (Intercom's App Store redirect, or /admin). */
  readonly location: URL
  readonly setCookie: string | null
}

// The teammate's browser: the cookies each test server set (the OAuth nonce), sent back to it.
const browser = new Map<string, string>()

async function redirectOf(url: string): Promise<Response> {
  const origin = new URL(url).origin
  const cookie = browser.get(origin)
  const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} })
  const set = response.headers.get('set-cookie')
  const nonce = set && /referrals_oauth_nonce=([^;]*)/.exec(set)
  if (nonce) browser.set(origin, `referrals_oauth_nonce=${nonce[1]}`)
  if (response.status !== 302) {
    throw new Error(
      `expected a redirect from ${url}, got ${response.status}: ${await response.text()}`,
    )
  }
  return response
}

/** The app's URL for a callback Intercom would send to PUBLIC_URL (which is not the test server). */
export function toServer(serverUrl: string, publicLocation: string): string {
  const target = new URL(publicLocation)
  return `${serverUrl}${target.pathname}${target.search}`
}

/** Step 1: the install URL → Intercom's authorize page (at the fake), with its query. */
export async function authorizeRedirect(serverUrl: string, purpose?: 'admin'): Promise<URL> {
  const response = await redirectOf(
    `${serverUrl}/intercom/install${purpose ? `?purpose=${purpose}` : ''}`,
  )
  return new URL(response.headers.get('location') ?? '')
}

/** Step 2: the authorize page (the fake approves at once) → the callback URL with code and state. */
export async function approveAtIntercom(authorize: URL): Promise<URL> {
  const response = await redirectOf(authorize.toString())
  return new URL(response.headers.get('location') ?? '')
}

/** Step 3: the callback on the app, wherever it sends the teammate afterwards. */
export async function finishCallback(
  serverUrl: string,
  callback: URL | string,
): Promise<InstallOutcome> {
  const response = await redirectOf(toServer(serverUrl, callback.toString()))
  return {
    location: new URL(response.headers.get('location') ?? '', serverUrl),
    setCookie: response.headers.get('set-cookie'),
  }
}

/** The whole dance as a teammate's browser would follow it. */
export async function installThroughOAuth(
  serverUrl: string,
  purpose?: 'admin',
): Promise<InstallOutcome> {
  const authorize = await authorizeRedirect(serverUrl, purpose)
  return finishCallback(serverUrl, await approveAtIntercom(authorize))
}

/** Polls until `check` returns a value (not undefined/false); the bound is generous, never asserted. */
export function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 90_000,
): Promise<T> {
  return vi.waitFor(
    async () => {
      const value = await check()
      if (value === undefined || value === false) throw new Error(`timed out waiting for ${what}`)
      return value
    },
    { timeout: timeoutMs, interval: 200 },
  )
}
