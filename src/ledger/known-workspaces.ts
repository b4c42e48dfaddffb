import { BoundedSet } from './bounded-set.js'

/**
 * What one app instance has learnt about workspaces that cannot become untrue, so a request skips
 * the database: workspaces and their default campaigns are never deleted, and a workspace's first
 * card view is recorded once. Created by the composition root (src/server.ts); N instances each
 * learn for themselves, and none is ever wrong.
 */
export class KnownWorkspaces {
  /** Workspaces that exist, with their default campaign. */
  readonly existing = new BoundedSet(10_000)
  /** Workspaces whose first Messenger card view is already recorded. */
  readonly cardSeen = new BoundedSet(10_000)
}
