// The dashboard's script, bundled by scripts/build.mjs (or on first request when running from
// source): each page part starts when its element is on the page.
import { z } from 'zod'
import { initCampaignActions, initNewCampaign } from './campaigns.js'
import { initCatalogPicker } from './catalog-picker.js'
import { initConfirmedForms } from './confirm.js'
import { initCopyButtons } from './copy-link.js'
import { initCouponUpload } from './coupons.js'
import { initDeliveryRetry } from './delivery-retry.js'
import { byId } from './dom.js'
import { initBulkDecisions } from './bulk-decisions.js'
import { initPreview } from './preview.js'
import { initMessageCopy } from './notices.js'
import { initEraseForm } from './privacy-erase.js'
import { initResendLink } from './resend-link.js'
import { initReviewActions } from './review-actions.js'
import { initRows } from './rows.js'
import { initSettingsForm } from './settings-form.js'
import { initStepPreview } from './step-preview.js'
import { initStripeForm } from './stripe-form.js'
import { initSync } from './sync-runs.js'
import { initTimes } from './times.js'

// The pages' Content-Security-Policy forbids eval: zod is told not to try compiling checks.
z.config({ jitless: true })

function start(): void {
  initTimes()
  initConfirmedForms()
  const form = byId<HTMLFormElement>('settings-form')
  if (form) {
    const previewSoon = initPreview(form)
    initRows(form, previewSoon)
    initSettingsForm(form)
    initCatalogPicker(form)
    initStepPreview(form)
  }
  const stripeForm = byId<HTMLFormElement>('stripe-form')
  if (stripeForm) initStripeForm(stripeForm)
  const create = byId<HTMLFormElement>('new-campaign')
  if (create) initNewCampaign(create)
  initCampaignActions()
  initReviewActions()
  initDeliveryRetry()
  initResendLink()
  initCopyButtons()
  initBulkDecisions()
  const runs = byId<HTMLTableElement>('sync-runs')
  if (runs) initSync(runs)
  const erase = byId<HTMLFormElement>('erase-form')
  const eraseStatus = byId('action-status')
  if (erase && eraseStatus) initEraseForm(erase, eraseStatus)
  const coupons = byId<HTMLFormElement>('coupon-upload')
  if (coupons) initCouponUpload(coupons)
  initMessageCopy()
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
else start()
