import type { Response } from 'express'
import { toAppError } from '../../error-handler.js'
import { html } from './html.js'
import { page } from './layout.js'

/**
 * A known failure (not found, bad input) as a readable dashboard page, not cached; anything else
 * is rethrown. Another workspace's page looks exactly like one that does not exist.
 */
export function sendProblem(res: Response, error: unknown): void {
  const known = toAppError(error)
  if (!known) throw error
  res.status(known.status).type('html').setHeader('Cache-Control', 'no-store')
  res.send(
    page(
      { title: known.status === 404 ? 'Not found' : 'Something is wrong', signedIn: true },
      html`<p>${known.message}</p>
        <p><a href="/admin">Back</a></p>`,
    ),
  )
}
