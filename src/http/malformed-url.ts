import type { RequestHandler } from 'express'
import { sendHtmlPage } from './html-page.js'

const LOGGED_PATH_LENGTH = 200

/**
 * A URL whose %-escapes do not decode (`/r/%FF%FE`) is answered 400 with a message before any
 * route sees it: one info line in the log, no stack, since scanners send thousands of them.
 * People following a damaged referral link get a page; every other caller gets JSON.
 */
export const rejectMalformedUrls: RequestHandler = (req, res, next) => {
  const path = req.path
  if (!path.includes('%') || decodes(path)) return next()
  res.locals.log.info(
    { method: req.method, path: path.slice(0, LOGGED_PATH_LENGTH) },
    'malformed URL refused',
  )
  if (path.startsWith('/r/')) {
    sendHtmlPage(res, 400, {
      title: 'Link damaged',
      heading: 'This referral link is damaged',
      paragraphs: [
        'Part of the link was lost or changed when it was copied.',
        'Ask the person who shared it to send it again, or copy the whole link.',
      ],
    })
    return
  }
  res.status(400).json({
    error: {
      code: 'bad_request',
      message: 'The URL is malformed: it contains a %-escape that is not valid UTF-8.',
    },
  })
}

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path)
    return true
  } catch {
    return false
  }
}
