import { translator } from '../i18n/index.js'
import { escapeHtml } from '../escape-html.js'

export interface LandingPageState {
  readonly locale: string | null | undefined
  /** The referrer's first name, or null when the ledger has none (the page then says "You are invited"). */
  readonly referrerFirstName: string | null
  readonly code: string
  /** What the friend gets, in words ("20% off"), or null when the rules give the friend nothing. */
  readonly friendReward: string | null
  readonly brand: {
    readonly name: string | null
    /** #rrggbb; anything else falls back to the default blue. */
    readonly colour: string | null
    readonly logoUrl: string | null
  }
  /** Where the call to action leads; null shows the code to mention instead of a button. */
  readonly signUpUrl: string | null
}

const HEX6 = /^#[0-9a-f]{6}$/i
const DEFAULT_ACCENT = '#1f5fbf'

/** WCAG relative luminance of #rrggbb. */
function luminance(hex: string): number {
  const channel = (at: number) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

/**
 * The brand colour for the button, and the text colour on it with the better contrast. A colour
 * too light to carry white text gets dark text; one that reaches neither 4.5:1 falls back to the
 * default, so a marketer's pick never makes the call to action unreadable.
 */
function accentColours(colour: string | null): { accent: string; onAccent: string } {
  const accent = colour && HEX6.test(colour) ? colour.toLowerCase() : DEFAULT_ACCENT
  const l = luminance(accent)
  const onWhite = 1.05 / (l + 0.05)
  const onDark = (l + 0.05) / (luminance('#111827') + 0.05)
  if (onWhite >= 4.5) return { accent, onAccent: '#ffffff' }
  if (onDark >= 4.5) return { accent, onAccent: '#111827' }
  return { accent: DEFAULT_ACCENT, onAccent: '#ffffff' }
}

/**
 * The friend's page when a campaign sends its links nowhere else: who invited them, what they
 * get, and one call to action, in the workspace's name, colour and logo. No scripts; every value
 * a person typed (names, brand, URLs) is escaped for HTML.
 */
export function landingPage(state: LandingPageState): string {
  const t = translator(state.locale)
  const e = escapeHtml
  const { accent, onAccent } = accentColours(state.brand.colour)
  const title = state.referrerFirstName
    ? t('landing.title', { name: state.referrerFirstName })
    : t('landing.titleAnonymous')
  const offer = state.friendReward
    ? t('landing.offer', { friendReward: state.friendReward })
    : t('landing.noOffer')
  const brandName = state.brand.name?.trim() || null
  const logo = state.brand.logoUrl
    ? `<img class="logo" src="${e(state.brand.logoUrl)}" alt="${e(brandName ?? '')}" height="40">`
    : ''
  const brandLine =
    logo || brandName
      ? `<header class="brand">${logo}${brandName && !logo ? `<span>${e(brandName)}</span>` : ''}</header>`
      : ''
  const action = state.signUpUrl
    ? `<p><a class="cta" href="${e(state.signUpUrl)}">${e(t('landing.cta'))}</a></p>`
    : `<p>${e(t('landing.mention'))}</p>`
  return `<!doctype html>
<html lang="${e(state.locale?.split(/[-_]/)[0] || 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(brandName ? `${title} · ${brandName}` : title)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; color: #1f2937; background: #f9fafb; }
  main { max-width: 30rem; margin: 0 auto; padding: 2rem 1.25rem; }
  .brand { display: flex; align-items: center; gap: .5rem; font-weight: 600; margin-bottom: 1.5rem; }
  .brand .logo { max-height: 40px; max-width: 200px; width: auto; }
  h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .75rem; }
  .offer { font-size: 1.15rem; }
  .code { display: inline-block; font: 600 1.25rem/1.2 ui-monospace, monospace; padding: .5rem .75rem;
    border: 2px dashed ${accent}; border-radius: 8px; background: #fff; overflow-wrap: anywhere; }
  .cta { display: inline-block; padding: .75rem 1.5rem; border-radius: 8px; background: ${accent};
    color: ${onAccent}; font-weight: 600; text-decoration: none; }
  .cta:focus-visible { outline: 3px solid #111827; outline-offset: 3px; }
</style>
</head>
<body>
<main>
${brandLine}
<h1>${e(title)}</h1>
<p class="offer">${e(offer)}</p>
<p>${e(t('landing.code'))}:</p>
<p><span class="code">${e(state.code)}</span></p>
${action}
</main>
</body>
</html>
`
}
