import { Router } from 'express'
import type { AppContext } from '../../context.js'
import { AppError } from '../../errors.js'
import { snippetBundle } from '../../snippet/bundle.js'

export function snippetRoutes(ctx: AppContext): Router {
  const router = Router()

  // GET /snippet.js - the browser snippet for the customer's site (keeps the code, tells the Messenger)
  router.get('/snippet.js', async (req, res) => {
    const bundle = await snippetBundle().catch((error: unknown) => {
      ctx.logger.error({ err: error }, 'snippet bundle failed')
      throw new AppError('unavailable', 'The snippet is not available right now.')
    })
    res
      .set('Content-Type', 'application/javascript; charset=utf-8')
      // An hour of caching, then revalidation by ETag: a new release reaches sites within the hour.
      .set('Cache-Control', 'public, max-age=3600, stale-while-revalidate=86400')
      .set('ETag', bundle.etag)
      // Loaded by <script> from the customer's own origin.
      .set('Cross-Origin-Resource-Policy', 'cross-origin')
      .set('X-Content-Type-Options', 'nosniff')
    if (req.get('if-none-match') === bundle.etag) {
      res.status(304).end()
      return
    }
    res.send(bundle.code)
  })

  return router
}
