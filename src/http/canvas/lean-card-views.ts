import type { IncomingMessage } from 'node:http'
import type { Request, RequestHandler, Response } from 'express'
import { inboxPanelRequest, liveCanvasView } from '../../../canvas/requests.js'
import { shedding } from '../../../db/session-admission.js'
import type { AppContext } from '../../context.js'
import { BODY_LIMIT_BYTES } from '../raw-body.js'
import { canvasSignature, digestMatches } from '../verify-signature.js'
import {
  type AnswerSlot,
  answerCache,
  cachedAnswer,
  inboxInitializeSlot,
  liveCardSlot,
  sendJsonBytes,
} from './card-answers.js'
import { personOf } from './people.js'
import { canvasWorkspace } from './workspace.js'

declare module 'express-serve-static-core' {
  interface Locals {
    /** The route pattern a request was answered by outside the router (request metrics' label). */
    route?: string
  }
}

type SlotOf = (ctx: AppContext, body: unknown) => Promise<AnswerSlot | null>

/** The card views Intercom repeats most, and how each finds where its answer is kept. */
const CARD_VIEWS: Readonly<Record<string, SlotOf>> = {
  '/canvas/messenger/live': async (ctx, raw) => {
    const body = liveCanvasView.parse(raw)
    const person = personOf(body.contact ?? body.user)
    if (!person) return null
    return liveCardSlot(await canvasWorkspace(ctx, body), body, person)
  },
  '/canvas/inbox/initialize': (ctx, raw) => inboxInitializeSlot(ctx, inboxPanelRequest.parse(raw)),
}

const JSON_TYPE = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i

/**
 * Answers a card view whose answer the card cache already holds, before the general middleware
 * (rate limits, body parsers, the routers): the request id, security headers and request metrics
 * are already set by then, and this does only what such a view needs, with the routes' own
 * functions: read the body (same limit), check X-Body-Signature, read the few fields (the routes'
 * schemas), find the workspace, send the kept bytes. Anything else (a bad signature, a field that
 * does not parse, a card not cached, any error) carries on down the regular route with the body
 * already read, which answers it exactly as before: its checks, its error canvas, its log line.
 */
export function leanCardViews(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const slotOf = req.method === 'POST' ? CARD_VIEWS[req.path] : undefined
    const secret = ctx.config.signingSecret
    const length = Number(req.headers['content-length'])
    if (
      !slotOf ||
      !secret ||
      // Answers are kept only where everything they show is followed (see card-answers.ts).
      !answerCache(ctx) ||
      !(length > 0 && length <= BODY_LIMIT_BYTES) ||
      !JSON_TYPE.test(req.headers['content-type'] ?? '') ||
      (req.headers['content-encoding'] ?? 'identity').toLowerCase() !== 'identity'
    )
      return next()
    void answerKept(ctx, slotOf, secret, req, res, length).then(
      (answered) => answered || next(),
      (error: unknown) => next(error),
    )
  }
}

/**
 * Reads the body and answers from the card cache: true when answered; false to carry on down the
 * regular route (with the body read); rejects only when the body cannot be read or is not JSON,
 * which the error handler answers as the body parser's failures.
 */
async function answerKept(
  ctx: AppContext,
  slotOf: SlotOf,
  secret: string,
  req: Request,
  res: Response,
  length: number,
): Promise<boolean> {
  const raw = await readBody(req, length)
  req.rawBody = raw
  const body = parseJson(raw)
  req.body = body
  if (!digestMatches(canvasSignature(raw, secret), req.get('x-body-signature'))) return false
  let kept: Buffer | undefined
  try {
    kept = cachedAnswer(ctx, await shedding(ctx.config.requestWaitMs, () => slotOf(ctx, body)))
  } catch {
    // The regular route meets the same failure and answers it as it always has (and logs it).
    return false
  }
  if (!kept) return false
  res.locals.route = req.path
  sendJsonBytes(res, kept)
  return true
}

/** A read failure shaped like the body parser's, so the error handler answers it the same. */
function bodyError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, type, expose: true })
}

/** JSON.parse as the body parser's strict mode: an object or array, else a parse failure (400). */
function parseJson(raw: Buffer): unknown {
  const text = raw.toString('utf8')
  const first = text.trimStart()[0]
  if (first !== '{' && first !== '[')
    throw bodyError(400, 'entity.parse.failed', 'The request body is not valid JSON.')
  try {
    return JSON.parse(text)
  } catch {
    throw bodyError(400, 'entity.parse.failed', 'The request body is not valid JSON.')
  }
}

/** The body of the declared length (which the caller checked against the limit). */
function readBody(req: Request | IncomingMessage, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let received = 0
    const done = (error: Error | null) => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('aborted', onAborted)
      req.off('error', onError)
      if (error) reject(error)
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received))
    }
    const onData = (chunk: Buffer) => {
      received += chunk.length
      if (received > length) {
        req.pause()
        done(bodyError(400, 'request.size.invalid', 'request size did not match content length'))
      } else chunks.push(chunk)
    }
    const onEnd = () =>
      done(
        received === length
          ? null
          : bodyError(400, 'request.size.invalid', 'request size did not match content length'),
      )
    const onAborted = () => done(bodyError(400, 'request.aborted', 'request aborted'))
    const onError = (error: Error) => done(error)
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('aborted', onAborted)
    req.on('error', onError)
  })
}
