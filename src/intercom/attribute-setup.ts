import type { AppContext, AttributeSetup } from '../context.js'
import { syncDataAttributes } from './data-attributes.js'
import { waitOutRateLimits } from './wait-out-rate-limit.js'

/**
 * How long a set-up waits out Intercom's 429s in place: its writers all await it, so waiting
 * for the reset (a 10-second window) lets them go on together, instead of each one failing and
 * coming back later only to meet the next 429. Past this, the set-up fails and they retry later.
 */
const RATE_LIMIT_WAIT_MS = 60_000

/**
 * One contact-attribute set-up per workspace in this process (see `AttributeSetup` in
 * src/context.ts): the runs under way or done, by workspace.
 */
export function createAttributeSetup(): AttributeSetup {
  const runs = new Map<string, { promise: Promise<void>; settled: boolean }>()

  function start(ctx: AppContext, workspaceId: string): Promise<void> {
    const run = { promise: Promise.resolve(), settled: false }
    run.promise = waitOutRateLimits(() => syncDataAttributes(ctx, workspaceId), {
      maxWaitMs: RATE_LIMIT_WAIT_MS,
    }).then(
      (result) => {
        run.settled = true
        if (result === null) runs.delete(workspaceId)
      },
      (error: unknown) => {
        run.settled = true
        runs.delete(workspaceId)
        throw error
      },
    )
    runs.set(workspaceId, run)
    return run.promise
  }

  return {
    ready: (ctx, workspaceId) => runs.get(workspaceId)?.promise ?? start(ctx, workspaceId),
    redo: (ctx, workspaceId) => {
      const run = runs.get(workspaceId)
      return run && !run.settled ? run.promise : start(ctx, workspaceId)
    },
    done: (workspaceId) => {
      if (!runs.has(workspaceId))
        runs.set(workspaceId, { promise: Promise.resolve(), settled: true })
    },
  }
}

/** The set-up of the context when it has one, else a plain one-off set-up. */
export function attributesReady(
  ctx: AppContext,
  workspaceId: string,
  options: { redo?: boolean } = {},
): Promise<unknown> {
  if (!ctx.attributeSetup) return syncDataAttributes(ctx, workspaceId)
  return options.redo
    ? ctx.attributeSetup.redo(ctx, workspaceId)
    : ctx.attributeSetup.ready(ctx, workspaceId)
}
