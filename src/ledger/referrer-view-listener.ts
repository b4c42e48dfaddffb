import type { DatabaseHandle } from '../../db/connect.js'
import type { Logger } from '../logger.js'
import {
  DEFAULT_CACHE_LIMITS,
  ReferrerViewCache,
  type ReferrerViewCacheOptions,
} from './referrer-view-cache.js'

/** The channel the ledger's triggers notify (db/migrations/20261125T150000Z-…). */
export const REFERRER_VIEWS_CHANNEL = 'referrer_views'

/**
 * This instance's card cache, kept honest by LISTEN: each notification drops the cards it names;
 * while the connection is down the cache is empty and unused.
 */
export async function startReferrerViewCache(
  database: DatabaseHandle,
  logger: Logger,
  limits: ReferrerViewCacheOptions = DEFAULT_CACHE_LIMITS,
): Promise<{ cache: ReferrerViewCache; stop: () => Promise<void> }> {
  const cache = new ReferrerViewCache(limits)
  let lostLogged = false
  const stop = await database.listen(REFERRER_VIEWS_CHANNEL, {
    onPayload: (payload) => cache.invalidate(payload),
    onListening: () => {
      if (lostLogged) logger.info('card cache: listening again; cards are cached again')
      lostLogged = false
      cache.resume()
    },
    onLost: (error) => {
      cache.suspend()
      if (!lostLogged)
        logger.warn({ err: error }, 'card cache: notification connection lost; cache off')
      lostLogged = true
    },
  })
  return {
    cache,
    stop: async () => {
      await stop()
      cache.suspend()
    },
  }
}
