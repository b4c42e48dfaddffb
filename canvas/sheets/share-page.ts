import { translator } from '../i18n/index.js'
import { shareLinks } from '../screens/share-links.js'
import { escapeHtml } from '../escape-html.js'

export interface SharePageState {
  readonly locale: string | null | undefined
  readonly link: string
  readonly code: string
  /** CSP nonce for the page's one inline script; null when the response sets no nonce policy. */
  readonly nonce: string | null
  /** Intercom's sheet library (Intercom's pages name two URLs; js.intercomcdn.com is allowed by CSP). */
  readonly sheetLibraryUrl: string
  readonly accentColour: string | null
  /** The link's QR code (SVG), for sharing in person. */
  readonly qrUrl: string
  /** "You get $20 · your friend gets 20% off", or null when the rules promise nothing. */
  readonly offer: string | null
  /** The share text the intents carry (it contains the link). */
  readonly message: string
}

const HEX_COLOUR = /^#[0-9a-f]{3,8}$/i

/**
 * The share sheet: the link with a working copy button (clipboard access is allowed in a sheet,
 * not in a canvas), share intents, and Done, which tells Intercom through submitSheet().
 */
export function sharePage(state: SharePageState): string {
  const t = translator(state.locale)
  const links = shareLinks(state.link, state.message, t)
  const accent =
    state.accentColour && HEX_COLOUR.test(state.accentColour) ? state.accentColour : '#1f6feb'
  const nonce = state.nonce ? ` nonce="${escapeHtml(state.nonce)}"` : ''
  const e = escapeHtml
  return `<!doctype html>
<html lang="${e(state.locale?.split(/[-_]/)[0] || 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t('sheet.title'))}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; padding: 20px; color: #1a1a1a; }
  h1 { font-size: 18px; margin: 0 0 8px; }
  .row { display: flex; gap: 8px; margin: 16px 0; }
  input { flex: 1; padding: 8px; border: 1px solid #ccc; border-radius: 6px; font: inherit; }
  button, a.share { padding: 8px 12px; border-radius: 6px; border: 1px solid ${accent}; font: inherit; cursor: pointer; }
  button.primary { background: ${accent}; color: #fff; }
  a.share { display: inline-block; margin: 0 6px 6px 0; color: ${accent}; text-decoration: none; }
  #done { margin-top: 16px; width: 100%; }
  .qr { text-align: center; margin: 8px 0 0; }
  .qr img { width: 168px; height: 168px; }
</style>
</head>
<body>
<h1>${e(t('sheet.title'))}</h1>
${state.offer ? `<p class="offer"><strong>${e(state.offer)}</strong></p>\n` : ''}<p>${e(t('sheet.intro'))}</p>
<div class="row">
  <input id="link" readonly value="${e(state.link)}" aria-label="${e(t('card.link'))}">
  <button id="copy" class="primary" type="button" data-copied="${e(t('sheet.copied'))}" data-count="${e(state.link)}/share/copy">${e(t('sheet.copy'))}</button>
</div>
<p>${e(t('card.code'))}: <strong>${e(state.code)}</strong></p>
<p>
  <a class="share" target="_blank" rel="noopener" href="${e(links.email)}">${e(t('share.email'))}</a>
  <a class="share" target="_blank" rel="noopener" href="${e(links.x)}">${e(t('share.x'))}</a>
  <a class="share" target="_blank" rel="noopener" href="${e(links.linkedin)}">${e(t('share.linkedin'))}</a>
  <a class="share" target="_blank" rel="noopener" href="${e(links.whatsapp)}">${e(t('share.whatsapp'))}</a>
</p>
<p>${e(t('sheet.qr'))}</p>
<p class="qr"><img src="${e(state.qrUrl)}" alt="${e(t('card.qrAlt'))}" width="168" height="168"></p>
<button id="done" type="button">${e(t('sheet.done'))}</button>
<script src="${e(state.sheetLibraryUrl)}"></script>
<script${nonce}>
  (function () {
    var input = document.getElementById('link');
    var copy = document.getElementById('copy');
    copy.addEventListener('click', function () {
      // Counts the copy as a share channel (same origin as the sheet; no answer needed).
      if (navigator.sendBeacon) navigator.sendBeacon(copy.getAttribute('data-count'));
      var done = function () { copy.textContent = copy.getAttribute('data-copied'); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(input.value).then(done, function () {
          input.select(); document.execCommand('copy'); done();
        });
      } else { input.select(); document.execCommand('copy'); done(); }
    });
    document.getElementById('done').addEventListener('click', function () {
      var sheets = window.INTERCOM_MESSENGER_SHEET_LIBRARY;
      if (sheets) sheets.submitSheet({ shared: true });
    });
  })();
</script>
</body>
</html>
`
}
