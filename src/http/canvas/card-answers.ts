import type { Response } from 'express'
import type { InboxPanelRequest } from '../../../canvas/requests.js'
import type { AppContext } from '../../context.js'
import { answerTags } from '../../ledger/card-changes.js'
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
 * The card cache, when answers may be kept in it: when what the answer shows beside the card (a
 * running contest's standing, an experiment's variant) comes from memories that follow the same
 * notifications (see card-changes.ts). Without the contests' memory the card asks the database on
 * every view, and a contest starting on the clock would not drop a kept answer: none is kept.
 */
export function answerCache(ctx: AppContext): ReferrerViewCache | null {
  const cache = ctx.referrerViews
  if (!cache || !ctx.contests?.followsChanges) return null
  if (ctx.experiments && !ctx.experiments.followsChanges) return null
  return cache
}

/** Taken before anything an answer shows is read: passed to sendAnswer. */
export function answerToken(ctx: AppContext): number {
  return answerCache(ctx)?.begin() ?? 0
}

/**
 * Sends `answer` as JSON (as res.json would) and keeps its bytes with the card `view` it was made
 * from, for the next request in the same variant, unless what it shows changed since `token`.
 */
export function sendAnswer(
  res: Response,
  ctx: AppContext,
  slot: AnswerSlot | null,
  view: ReferrerView,
  token: number,
  answer: unknown,
): void {
  const bytes = Buffer.from(JSON.stringify(answer))
  const cache = answerCache(ctx)
  if (slot && cache)
    cache.keepAnswer(slot.key, view, slot.variant, bytes, token, answerTags(view.campaign.id))
  sendJsonBytes(res, bytes)
}

/** JSON bytes with the headers res.json sets (no ETag: the app turns them off). */
export function sendJsonBytes(res: Response, bytes: Buffer): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8')
  res.setHeader('Content-Length', bytes.length)
  res.end(bytes)
}
