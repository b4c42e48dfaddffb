import type { Response } from 'express'
import type { InboxPanelRequest } from '../../../canvas/requests.js'
import type { AppContext } from '../../context.js'
import type { ReferrerViewCache } from '../../ledger/referrer-view-cache.js'
import { type ReferrerView, referrerViewKey } from '../../ledger/referrer-view.js'
import type { PersonInput } from '../../ledger/types.js'
import { readCardOptions } from './card-options.js'
import { personOf } from './people.js'
import { canvasWorkspace } from './workspace.js'

/**
 * Where a card view's answer is kept in the card cache: the card's key, and the variant of the
 * answer (everything besides the card that the answer is made from). A cached card's answer is
 * the same bytes every time for the same variant, so it is serialized once and kept with the card.
 */
export interface AnswerSlot {
  readonly key: string
  readonly variant: string
  readonly person: PersonInput
}

/** The live Messenger card: the viewer's locale and the parts the card was configured with. */
export function liveCardSlot(
  workspaceId: string,
  body: { canvas?: { stored_data?: unknown } | null; context?: { locale?: string | null } | null },
  person: PersonInput,
): AnswerSlot | null {
  const options = readCardOptions(body.canvas?.stored_data)
  const key = referrerViewKey({ workspaceId, campaignId: options.campaignId, person })
  if (key === null) return null
  const parts = options.parts ? options.parts.join(',') : '*'
  return { key, variant: `live\u0000${body.context?.locale ?? ''}\u0000${parts}`, person }
}

/** The Inbox panel of a conversation's contact (default campaign): the agent's locale. */
function inboxPanelSlot(
  workspaceId: string,
  locale: string | null | undefined,
  person: PersonInput,
): AnswerSlot | null {
  const key = referrerViewKey({ workspaceId, campaignId: null, person })
  return key === null ? null : { key, variant: `inbox\u0000${locale ?? ''}`, person }
}

/** Where the panel's answer for this request is kept with the cached card (null: never kept). */
export async function inboxInitializeSlot(
  ctx: AppContext,
  body: InboxPanelRequest,
): Promise<AnswerSlot | null> {
  const workspaceId = await canvasWorkspace(ctx, body)
  const person = personOf(body.contact ?? body.customer)
  return person ? inboxPanelSlot(workspaceId, body.context?.locale, person) : null
}

/** The answer kept for this slot, if the card is cached and was answered in this variant. */
export function cachedAnswer(ctx: AppContext, slot: AnswerSlot | null): Buffer | undefined {
  const cache = answerCache(ctx)
  return slot && cache ? cache.answer(slot.key, slot.variant, slot.person) : undefined
}

/**
 * The card cache, when answers may be kept in it: only in a process without contests or
 * experiments, whose standings and variants are read beside the card (a running contest's rank
 * moves when other referrers' counts do, which the card's own rows do not say).
 */
function answerCache(ctx: AppContext): ReferrerViewCache | null {
  return ctx.contests || ctx.experiments ? null : (ctx.referrerViews ?? null)
}

/**
 * Sends `answer` as JSON (as res.json would) and keeps its bytes with the card `view` it was made
 * from, for the next request in the same variant.
 */
export function sendAnswer(
  res: Response,
  ctx: AppContext,
  slot: AnswerSlot | null,
  view: ReferrerView,
  answer: unknown,
): void {
  const bytes = Buffer.from(JSON.stringify(answer))
  const cache = answerCache(ctx)
  if (slot && cache) cache.keepAnswer(slot.key, view, slot.variant, bytes)
  sendJsonBytes(res, bytes)
}

/** JSON bytes with the headers res.json sets (no ETag: the app turns them off). */
export function sendJsonBytes(res: Response, bytes: Buffer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', bytes.length)
  res.end(bytes)
}
