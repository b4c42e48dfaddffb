import type { RequestHandler } from 'express'
import { openSheetData } from '../../../canvas/requests.js'
import type { MessageKey } from '../../../canvas/i18n/index.js'
import { payoutAddressPage } from '../../../canvas/sheets/payout-address-page.js'
import type { AppContext } from '../../context.js'
import type { PersonInput } from '../../ledger/types.js'
import { ensureReferrer } from '../../ledger/referrers.js'
import {
  confirmPayoutAddress,
  payoutAddressInput,
  payoutAddressOf,
} from '../../rewards/payouts/payout-addresses.js'
import { payoutEnqueuer } from '../../rewards/payouts/payout-queue.js'
import { parse } from '../parse.js'
import { campaignFor, type CardOptions } from './card-options.js'
import { intercomData, SHEET_LIBRARY_URL, sheetPolicy, sheetReferrer } from './share-sheet.js'

/**
 * POST /canvas/messenger/sheet/payout-address: the address form for the user Intercom encrypted,
 * opened from that person's card only (the URL's seal; see sheetSubject), since it shows the
 * address they confirmed. The address itself comes back only through the signed submit-sheet.
 */
export function payoutAddressSheetHandler(ctx: AppContext): RequestHandler {
  return async (req, res) => {
    const data = parse(openSheetData, intercomData(req.body))
    const { workspaceId, referrer } = await sheetReferrer(ctx, data, req.query.seal)
    const address = await payoutAddressOf(ctx.db, workspaceId, referrer.participantId)
    const nonce = typeof res.locals.cspNonce === 'string' ? res.locals.cspNonce : undefined
    res.removeHeader('X-Frame-Options')
    if (!res.getHeader('Content-Security-Policy'))
      res.setHeader('Content-Security-Policy', sheetPolicy(nonce))
    res.type('html').send(
      payoutAddressPage({
        locale: data.context?.locale,
        email: address?.email ?? null,
        nonce: nonce ?? null,
        sheetLibraryUrl: SHEET_LIBRARY_URL,
      }),
    )
  }
}

/**
 * The sheet's answer, from the signed submit-sheet request: the referrer's own PayPal address,
 * confirmed (a change pauses their payouts for 24 h). Returns the card's one-line notice.
 */
export async function savePayoutAddress(
  ctx: AppContext,
  input: { workspaceId: string; options: CardOptions; person: PersonInput; email: unknown },
): Promise<MessageKey> {
  const parsed = payoutAddressInput.safeParse({ email: input.email })
  if (!parsed.success) return 'payout.addressInvalid'
  const campaign = await campaignFor(ctx.db, input.workspaceId, input.options.campaignId)
  const enrolled = await ensureReferrer(
    ctx.db,
    {
      workspaceId: input.workspaceId,
      campaign,
      person: input.person,
      source: 'messenger',
      actor: { type: 'contact', id: input.person.contactId ?? null },
    },
    { emailPolicy: 'lenient' },
  )
  const jobs = ctx.jobs
  await confirmPayoutAddress(
    ctx.db,
    async (job, options) => {
      if (jobs) await payoutEnqueuer(jobs)(job, options)
    },
    {
      workspaceId: input.workspaceId,
      participantId: enrolled.participant.id,
      email: parsed.data.email,
      actor: { type: 'contact', id: input.person.contactId ?? null },
    },
  )
  return 'payout.addressSaved'
}
