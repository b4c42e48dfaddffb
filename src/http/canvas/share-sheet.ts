import type { RequestHandler } from 'express'
import { z } from 'zod'
import { openSheetData, person, workspaceIdOf } from '../../../canvas/requests.js'
import { sharePage } from '../../../canvas/sheets/share-page.js'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { ensureReferrer } from '../../ledger/referrers.js'
import { ensureWorkspace, findWorkspace } from '../../ledger/workspaces.js'
import { canvasKeys, sheetPersonKey, sheetSeal, signerMayActFor } from '../canvas-signer.js'
import { parse } from '../parse.js'
import { digestMatches } from '../verify-signature.js'
import { campaignFor, readCardOptions } from './card-options.js'
import { sharePageStateOf } from './customer-screens.js'
import { personOf } from './people.js'
import { decryptSheetUser } from './sheet-crypto.js'
import { recordShare } from '../../experiments/experiments.js'
import { variantSettings } from '../../experiments/experiment-settings.js'

export const SHEET_LIBRARY_URL = 'https://js.intercomcdn.com/messenger-sheet-library.latest.js'

// Intercom frames sheets from intercom-sheets.com: no X-Frame-Options, no frame-ancestors, and the
// sheet library's origin allowed in script-src (https://developers.intercom.com/docs/build-an-integration/getting-started/build-an-app-for-your-messenger/sheets-flow). Used when no policy was set upstream.
export function sheetPolicy(nonce: string | undefined): string {
  const scripts = [
    "'self'",
    'https://js.intercomcdn.com',
    'https://s3.amazonaws.com/intercom-sheets.com/',
  ]
  if (nonce) scripts.push(`'nonce-${nonce}'`)
  return [
    "default-src 'self'",
    `script-src ${scripts.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "object-src 'none'",
    "base-uri 'self'",
  ].join('; ')
}

/** intercom_data is a JSON string in a form post (Intercom's tutorial); tolerate a JSON body too. */
export function intercomData(body: unknown): unknown {
  const raw = (body as { intercom_data?: unknown } | undefined)?.intercom_data
  if (typeof raw !== 'string') return raw ?? {}
  try {
    return JSON.parse(raw)
  } catch {
    throw new AppError('bad_request', 'Invalid request: intercom_data: not valid JSON')
  }
}

/** The sheet's user, decrypted with a key we hold, and which key it was; null when none fits. */
export function sheetUser(
  config: AppContext['config'],
  encrypted: string,
): { signer: 'intercom' | 'playground'; user: unknown } | null {
  for (const { signer, secret } of canvasKeys(config)) {
    const user = decryptSheetUser(encrypted, secret)
    if (user !== null) return { signer, user }
  }
  return null
}

/**
 * Where and for whom an open-sheet request acts: the contact Intercom encrypted, in the workspace
 * the card's sealed URL names (never the request's own plain workspace_id alone), which must
 * already be known here: a sheet never creates a workspace (the sandbox's demo one excepted).
 */
export async function sheetSubject(
  ctx: AppContext,
  data: { user: string; workspace_id?: string | null; app_id?: string | null },
  seal: unknown,
) {
  if (canvasKeys(ctx.config).length === 0)
    throw new AppError('unavailable', 'INTERCOM_CLIENT_SECRET is not configured.')
  const opened = sheetUser(ctx.config, data.user)
  if (!opened) throw new AppError('unauthorized', 'The sheet user could not be decrypted.')
  const who = personOf(parse(person, opened.user, 'sheet user'))
  const workspaceId = workspaceIdOf(data)
  if (!who || !workspaceId)
    throw new AppError('bad_request', 'The sheet request names no user or workspace.')
  if (!signerMayActFor(opened.signer, workspaceId))
    throw new AppError('forbidden', 'The playground acts only for its own demo workspace.')
  const key = sheetPersonKey(who)
  const expected = key ? sheetSeal(ctx.config, workspaceId, key) : null
  if (!expected || typeof seal !== 'string' || !digestMatches(expected, seal))
    throw new AppError('forbidden', 'This share sheet was not opened from this person’s card.')
  // The sandbox's own demo workspace is made on first use; any other must have been installed.
  if (opened.signer === 'playground') await ensureWorkspace(ctx.db, { id: workspaceId })
  else if (!(await findWorkspace(ctx.db, workspaceId)))
    throw new AppError('not_found', 'This workspace has not installed the app.')
  return { workspaceId, who }
}

/**
 * The referrer a sheet opened from a card is for (enrolled on first sight, as the card does), in
 * the campaign the card was showing: `sheetSubject`'s workspace and person.
 */
export async function sheetReferrer(
  ctx: AppContext,
  data: Parameters<typeof sheetSubject>[1] & { current_canvas?: { stored_data?: unknown } | null },
  seal: unknown,
) {
  const { workspaceId, who } = await sheetSubject(ctx, data, seal)
  const options = readCardOptions(data.current_canvas?.stored_data)
  const campaign = await campaignFor(ctx.db, workspaceId, options.campaignId)
  const { referrer } = await ensureReferrer(
    ctx.db,
    {
      workspaceId,
      campaign,
      person: who,
      source: 'messenger',
      actor: { type: 'contact', id: who.contactId ?? null },
    },
    { emailPolicy: 'lenient' },
  )
  return { workspaceId, campaign, referrer }
}

/** POST /canvas/messenger/sheet: the share page for the user Intercom encrypted into the request. */
export function openSheetHandler(ctx: AppContext): RequestHandler {
  return async (req, res) => {
    const data = parse(openSheetData, intercomData(req.body))
    const { workspaceId, campaign, referrer } = await sheetReferrer(ctx, data, req.query.seal)
    // In an experiment, the sheet says what the referrer's variant says (assigning them first, so
    // the share counts for their variant even if this instance never served their card).
    const variant = await ctx.experiments?.variantFor({
      workspaceId,
      campaignId: campaign.id,
      referrerId: referrer.id,
    })
    if (variant) await recordShare(ctx.db, workspaceId, referrer.id)
    const nonce = typeof res.locals.cspNonce === 'string' ? res.locals.cspNonce : undefined
    res.removeHeader('X-Frame-Options')
    if (!res.getHeader('Content-Security-Policy'))
      res.setHeader('Content-Security-Policy', sheetPolicy(nonce))
    const colour = z
      .string()
      .nullish()
      .catch(null)
      .parse(data.context?.messenger_action_colour ?? data.context?.messenger_action_color)
    res.type('html').send(
      sharePage(
        sharePageStateOf({
          settings: variant ? variantSettings(campaign.settings, variant) : campaign.settings,
          code: referrer.code,
          publicUrl: ctx.config.publicUrl,
          locale: data.context?.locale,
          nonce: nonce ?? null,
          sheetLibraryUrl: SHEET_LIBRARY_URL,
          accentColour: colour ?? null,
        }),
      ),
    )
  }
}
