import type { AppContext } from '../context.js'
import { syncDataAttributes } from './data-attributes.js'

/**
 * One contact-attribute set-up per workspace in this process, which writers await before sending
 * values: a contact write carrying an attribute Intercom does not have yet is refused with a 400.
 * Callers arriving while a set-up runs share it; a failed or unconnected one is not remembered, so
 * the next writer tries again. Another instance's concurrent set-up is harmless: an attribute that
 * already exists counts as created (see `createDataAttribute`).
 */
export interface AttributeSetup {
  /** Resolves once this workspace's attributes were set up (by this call or an earlier one). */
  ready(ctx: AppContext, workspaceId: string): Promise<void>
  /** Sets them up again (an attribute went missing); joins a set-up already running. */
  redo(ctx: AppContext, workspaceId: string): Promise<void>
}

export function createAttributeSetup(): AttributeSetup {
  const runs = new Map<string, { promise: Promise<void>; settled: boolean }>()

  function start(ctx: AppContext, workspaceId: string): Promise<void> {
    const run = { promise: Promise.resolve(), settled: false }
    run.promise = syncDataAttributes(ctx, workspaceId).then(
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
