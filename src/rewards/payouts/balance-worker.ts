import { sql } from 'kysely'
import { z } from 'zod'
import type { WorkerContext } from '../../jobs/workers.js'
import { CATALOG_PROVIDERS, refreshBalance, refreshCatalog } from './connections.js'

const BALANCE_TICK_QUEUE = 'payout-balance-tick'
const BALANCE_QUEUE = 'payout-balance'
/** A balance read this recently is fresh enough: one read per connection per hour. */
const BALANCE_FRESH_MINUTES = 55
/** Tango Card asks for a catalog read at most twice a day (docs/payouts.md). */
const CATALOG_FRESH_HOURS = 12
/** Connections queued per tick: bounded, the oldest reads first, the rest at the next tick. */
const PER_TICK = 200

const jobSchema = z.object({
  workspaceId: z.string().min(1),
  provider: z.enum(['tremendous', 'tango_card', 'paypal']),
})

/** The connections whose balance is due, oldest read first. */
export async function dueConnections(
  ctx: Pick<WorkerContext, 'db'>,
  limit = PER_TICK,
): Promise<z.infer<typeof jobSchema>[]> {
  return ctx.db
    .selectFrom('payout_connections')
    .select(['workspace_id as workspaceId', 'provider'])
    .where((eb) =>
      eb.or([
        eb('balance_checked_at', 'is', null),
        eb(
          'balance_checked_at',
          '<',
          sql<Date>`now() - make_interval(mins => ${BALANCE_FRESH_MINUTES})`,
        ),
      ]),
    )
    .orderBy(sql`balance_checked_at nulls first`)
    .limit(limit)
    .execute()
}

/**
 * One connection: its balance read again (and Tango Card's catalog when older than half a day).
 * A provider that refuses (key revoked, outage) is logged and tried at the next tick; the last
 * balance stays shown with the time it was read.
 */
export async function refreshConnection(
  ctx: Pick<WorkerContext, 'db' | 'config' | 'logger'>,
  job: z.infer<typeof jobSchema>,
): Promise<void> {
  try {
    await refreshBalance(ctx, job.workspaceId, job.provider)
    if (!CATALOG_PROVIDERS.includes(job.provider)) return
    const stale = await ctx.db
      .selectFrom('payout_connections')
      .select('workspace_id')
      .where('workspace_id', '=', job.workspaceId)
      .where('provider', '=', job.provider)
      .where((eb) =>
        eb.or([
          eb('catalog_read_at', 'is', null),
          eb(
            'catalog_read_at',
            '<',
            sql<Date>`now() - make_interval(hours => ${CATALOG_FRESH_HOURS})`,
          ),
        ]),
      )
      .executeTakeFirst()
    if (stale) await refreshCatalog(ctx, job.workspaceId, job.provider)
  } catch (error) {
    ctx.logger.warn(
      { err: error, workspaceId: job.workspaceId, provider: job.provider },
      'payouts: the balance could not be read; trying again at the next tick',
    )
  }
}

/**
 * Hourly: every connected provider's balance is read again, one job per connection (so one slow
 * provider delays no other workspace), at most one waiting job per connection.
 */
export async function registerPayoutBalances(ctx: WorkerContext): Promise<void> {
  const { jobs } = ctx
  await jobs.createQueue(BALANCE_TICK_QUEUE, { name: BALANCE_TICK_QUEUE, policy: 'singleton' })
  await jobs.createQueue(BALANCE_QUEUE, {
    name: BALANCE_QUEUE,
    policy: 'short',
    retryLimit: 0,
    expireInSeconds: 60,
  })
  await jobs.work(BALANCE_TICK_QUEUE, async () => {
    const due = await dueConnections(ctx)
    for (const job of due)
      await jobs.send(BALANCE_QUEUE, job, { singletonKey: `${job.workspaceId}:${job.provider}` })
    if (due.length > 0) ctx.logger.debug({ due: due.length }, 'payouts: balances to read')
  })
  await jobs.work(BALANCE_QUEUE, { batchSize: 1 }, async ([job]) => {
    if (job) await refreshConnection(ctx, jobSchema.parse(job.data))
  })
  await jobs.schedule(BALANCE_TICK_QUEUE, '7 * * * *')
}
