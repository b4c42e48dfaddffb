import { translator } from '../i18n/index.js'
import { escapeHtml } from '../escape-html.js'

export interface PayoutAddressPageState {
  readonly locale: string | null | undefined
  /** The address confirmed before, if any. */
  readonly email: string | null
  readonly nonce: string | null
  readonly sheetLibraryUrl: string
}

/**
 * The sheet where a referrer confirms the PayPal address their cash goes to. The address travels
 * back only through submitSheet(), which Intercom signs, so nobody but the referrer can set it.
 */
export function payoutAddressPage(state: PayoutAddressPageState): string {
  const t = translator(state.locale)
  const e = escapeHtml
  const nonce = state.nonce ? ` nonce="${e(state.nonce)}"` : ''
  return `<!doctype html>
<html lang="${e(state.locale?.split(/[-_]/)[0] || 'en')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(t('payout.addressTitle'))}</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; padding: 20px; color: #1a1a1a; }
  h1 { font-size: 18px; margin: 0 0 8px; }
  label { display: block; font-weight: 600; margin: 16px 0 4px; }
  input { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #767676; border-radius: 6px; font: inherit; }
  button { margin-top: 16px; width: 100%; padding: 10px 12px; border-radius: 6px; border: 0; background: #1f5fd6; color: #fff; font: inherit; cursor: pointer; }
  .note { color: #4a4a4a; font-size: 14px; }
</style>
</head>
<body>
<h1>${e(t('payout.addressTitle'))}</h1>
<p>${e(t('payout.addressIntro'))}</p>
<form id="address" novalidate>
  <label for="email">${e(t('payout.addressLabel'))}</label>
  <input id="email" name="email" type="email" autocomplete="email" required value="${e(state.email ?? '')}" aria-describedby="note">
  <p class="note" id="note">${e(t('payout.addressChangeNote'))}</p>
  <button type="submit">${e(t('payout.addressConfirm'))}</button>
</form>
<script src="${e(state.sheetLibraryUrl)}"></script>
<script${nonce}>
  (function () {
    document.getElementById('address').addEventListener('submit', function (event) {
      event.preventDefault();
      var input = document.getElementById('email');
      if (!input.checkValidity()) { input.reportValidity(); return; }
      var sheets = window.INTERCOM_MESSENGER_SHEET_LIBRARY;
      if (sheets) sheets.submitSheet({ payoutAddress: input.value.trim() });
    });
  })();
</script>
</body>
</html>
`
}
