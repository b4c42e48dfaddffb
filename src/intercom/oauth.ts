import { z } from 'zod'
import type { Config } from '../config.js'
import { signOauthState, type OauthPurpose } from './oauth-state.js'

const INTERCOM_WEB = 'https://app.intercom.com'
const INTERCOM_API = 'https://api.intercom.io'
const APP_STORE_REDIRECT = `${INTERCOM_WEB}/appstore/redirect`
export const OAUTH_CALLBACK_PATH = '/intercom/oauth/callback'

/** A failed OAuth step whose message is safe to show to the teammate. */
export class OauthError extends Error {
  override readonly name = 'OauthError'
}

export interface OauthCredentials {
  readonly clientId: string
  readonly clientSecret: string
}

/** The app's OAuth credentials, or null when it is not set up for App Store installs. */
export function oauthCredentials(config: Config): OauthCredentials | null {
  const { clientId, clientSecret } = config.intercom
  return clientId && clientSecret ? { clientId, clientSecret } : null
}

/**
 * Intercom's authorize page with a fresh signed state. Tests point INTERCOM_API_BASE_URL at the
 * fake Intercom, which then serves both the authorize page and the token exchange.
 */
export function authorizeUrl(
  config: Config,
  credentials: OauthCredentials,
  purpose: OauthPurpose,
  nonce?: string,
): string {
  const url = new URL(`${config.intercom.apiBaseUrl ?? INTERCOM_WEB}/oauth`)
  url.searchParams.set('client_id', credentials.clientId)
  url.searchParams.set('state', signOauthState(credentials.clientSecret, purpose, nonce))
  url.searchParams.set('redirect_uri', `${config.publicUrl}${OAUTH_CALLBACK_PATH}`)
  return url.toString()
}

const tokenResponse = z
  .object({ token: z.string().min(1).optional(), access_token: z.string().min(1).optional() })
  .refine((body) => body.token ?? body.access_token, 'no token in the response')

/** Exchanges an authorization code at /auth/eagle/token for the workspace's access token. */
export async function exchangeCode(
  config: Config,
  credentials: OauthCredentials,
  code: string,
): Promise<string> {
  let response: Response
  try {
    // Form-encoded as in Intercom's own example; the code is sent exactly as received (it may end in '=').
    response = await fetch(`${config.intercom.apiBaseUrl ?? INTERCOM_API}/auth/eagle/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        code,
        client_id: credentials.clientId,
        client_secret: credentials.clientSecret,
      }).toString(),
      signal: AbortSignal.timeout(15_000),
    })
  } catch {
    throw new OauthError(
      'Intercom could not be reached to finish the installation. Please try again.',
    )
  }
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    throw new OauthError(
      'Intercom did not accept the authorization code (it may have expired). Please start the installation again.',
    )
  }
  if (!response.ok) {
    throw new OauthError(
      `Intercom answered ${response.status} while finishing the installation. Please try again.`,
    )
  }
  const parsed = tokenResponse.safeParse(await response.json().catch(() => null))
  if (!parsed.success) {
    throw new OauthError('Intercom sent an unexpected answer while finishing the installation.')
  }
  return (parsed.data.token ?? parsed.data.access_token) as string
}

/** Where the teammate lands after the install: Intercom's App Store, told how it went. */
export function appStoreRedirect(result: { ok: true } | { ok: false; message: string }): string {
  const url = new URL(APP_STORE_REDIRECT)
  url.searchParams.set('install_success', String(result.ok))
  if (!result.ok) url.searchParams.set('error_message', result.message)
  return url.toString()
}
