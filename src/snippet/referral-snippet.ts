// Runs in the browser on the customer's site (bundled by src/snippet/bundle.ts, served as /snippet.js):
//   <script src="https://referrals.example.com/snippet.js" data-app-id="abc12345" data-param="ref"></script>
// It keeps the referral code of the landing URL in a first-party cookie and hands it to the
// Intercom Messenger as the `referred_by_code` custom attribute; the app attributes the contact
// when Intercom reports it (contact.*.created/updated webhooks).
import { Intercom, update } from '@intercom/messenger-js-sdk'
import type { IntercomSettings } from '@intercom/messenger-js-sdk/dist/types.js'

const NINETY_DAYS_SECONDS = 90 * 24 * 60 * 60
const CODE_SHAPE = /^[A-Za-z0-9-]{3,32}$/

type Region = 'us' | 'eu' | 'ap'

interface SnippetOptions {
  readonly appId: string | null
  readonly param: string
  readonly attribute: string
  readonly cookie: string
  readonly region: Region
}

function options(script: HTMLScriptElement | null): SnippetOptions {
  const data = script?.dataset ?? {}
  const region = (data.region ?? 'us').toLowerCase()
  return {
    appId: data.appId?.trim() || null,
    param: data.param?.trim() || 'ref',
    attribute: data.attribute?.trim() || 'referred_by_code',
    cookie: data.cookie?.trim() || 'referral_code',
    region: region === 'eu' || region === 'ap' ? region : 'us',
  }
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=')
    if (key === name) return decodeURIComponent(rest.join('='))
  }
  return null
}

function writeCookie(name: string, value: string): void {
  const secure = location.protocol === 'https:' ? '; Secure' : ''
  document.cookie = `${name}=${encodeURIComponent(value)}; Max-Age=${NINETY_DAYS_SECONDS}; Path=/; SameSite=Lax${secure}`
}

/** The code from the landing URL (and remembered), else the one remembered from an earlier visit. */
function referralCode(opts: SnippetOptions): string | null {
  const fromUrl = new URLSearchParams(location.search).get(opts.param)?.trim()
  if (fromUrl && CODE_SHAPE.test(fromUrl)) {
    writeCookie(opts.cookie, fromUrl)
    return fromUrl
  }
  const remembered = readCookie(opts.cookie)
  return remembered && CODE_SHAPE.test(remembered) ? remembered : null
}

function start(): void {
  const opts = options(document.currentScript as HTMLScriptElement | null)
  const code = referralCode(opts)
  if (!code) return
  const attributes = { [opts.attribute]: code }
  if (typeof window.Intercom === 'function') {
    // The site already runs the Messenger: add the attribute to the current user.
    update(attributes)
  } else if (opts.appId) {
    Intercom({ app_id: opts.appId, region: opts.region, ...attributes })
  } else {
    // The site boots the Messenger itself: settings it already declared carry the attribute, and
    // once the page has loaded (its own snippet having run) the Messenger user is updated too.
    window.intercomSettings = { ...window.intercomSettings, ...attributes } as IntercomSettings
    window.addEventListener('load', () => {
      if (typeof window.Intercom === 'function') update(attributes)
    })
  }
}

start()
