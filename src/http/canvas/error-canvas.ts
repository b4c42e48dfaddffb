import type { RequestHandler } from 'express'
import { content } from '../../../canvas/components.js'
import type { Component } from '../../../canvas/schema.js'
import { errorScreen, noticeScreen } from '../../../canvas/screens/error.js'
import { toAppError } from '../error-handler.js'
import { WorkspaceNotInstalledError } from './workspace.js'

export type CanvasShape = 'canvas' | 'content'

function localeOf(body: unknown): string | null {
  const context = (body as { context?: { locale?: unknown } } | undefined)?.context
  return typeof context?.locale === 'string' ? context.locale : null
}

/**
 * Makes any failure on a Canvas Kit route answer 200 with an error canvas in the caller's language
 * (Intercom shows a bare 5xx as a broken card). A bad signature stays a 401 (a key used beyond its
 * reach a 403) with no canvas, and a
 * body that is not JSON a 400, so that neither can be mistaken for a working app.
 */
export function errorCanvas(shape: CanvasShape): RequestHandler {
  return (req, res, next) => {
    res.locals.renderError = (reference, error) => {
      const known = toAppError(error)
      const locale = localeOf(req.body)
      // Saturated for a moment: a card that says so, which Intercom shows (a 503 it would not).
      if (known?.code === 'busy')
        return { status: 200, body: wrap(shape, noticeScreen({ locale, message: 'error.busy' })) }
      if (error instanceof WorkspaceNotInstalledError)
        return {
          status: 200,
          body: wrap(shape, noticeScreen({ locale, message: 'error.notInstalled' })),
        }
      if (
        known &&
        (known.code === 'unauthorized' ||
          known.code === 'forbidden' ||
          known.code === 'unavailable')
      )
        return {
          status: known.status,
          body: { error: { code: known.code, message: known.message } },
        }
      if (known && (known.status === 413 || known.status === 415 || isJsonParseError(error)))
        return {
          status: known.status,
          body: { error: { code: known.code, message: known.message } },
        }
      return { status: 200, body: wrap(shape, errorScreen({ locale, reference })) }
    }
    next()
  }
}

function wrap(shape: CanvasShape, components: Component[]) {
  return shape === 'content'
    ? { content: content(components) }
    : { canvas: { content: content(components) } }
}

function isJsonParseError(error: unknown): boolean {
  return (error as { type?: unknown } | null)?.type === 'entity.parse.failed'
}
