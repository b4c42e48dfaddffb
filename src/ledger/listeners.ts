import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'
import type { Db, Trx } from './db-types.js'

/**
 * A kind of ledger change others may follow (a referral qualified, a reward approved, an event
 * recorded…). Each is a constant key declared beside the code that announces it; the listeners
 * themselves live in one app instance's `LedgerListeners`.
 */
export interface ListenerChannel<Listener> {
  readonly name: string
  /** Type-only: ties the channel to its listener's signature. */
  readonly listener?: Listener
}

export function listenerChannel<Listener>(name: string): ListenerChannel<Listener> {
  return Object.freeze({ name })
}

/**
 * The listeners of one app instance, created by the composition root (src/server.ts, the CLI, or a
 * test) and given to `connectDatabase` as a Kysely plugin. Listeners run inside the transaction
 * that made the change, and the ledger announces changes from deep inside its transactions, where
 * only the transaction is at hand: the transaction carries the plugin (Kysely hands its plugins to
 * every transaction it opens), so each instance, and each test database, has listeners of its own
 * without a module-level registry and without a listeners parameter on every ledger function.
 * The plugin leaves queries and results untouched.
 */
export class LedgerListeners implements KyselyPlugin {
  readonly #byChannel = new Map<ListenerChannel<unknown>, unknown[]>()

  /** Adds a listener; the returned function removes it again. */
  on<Listener>(channel: ListenerChannel<Listener>, listener: Listener): () => void {
    const list = this.#byChannel.get(channel) ?? []
    this.#byChannel.set(channel, list)
    list.push(listener)
    return () => {
      const at = list.indexOf(listener)
      if (at >= 0) list.splice(at, 1)
    }
  }

  of<Listener>(channel: ListenerChannel<Listener>): readonly Listener[] {
    return (this.#byChannel.get(channel) as Listener[] | undefined) ?? NONE
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result)
  }
}

const NONE: readonly never[] = Object.freeze([])

function listenersIn(db: Db | Trx): LedgerListeners | undefined {
  return db
    .getExecutor()
    .plugins.find((plugin): plugin is LedgerListeners => plugin instanceof LedgerListeners)
}

/** The listeners of `channel` for this database handle or transaction (none without listeners). */
export function listenersOf<Listener>(
  db: Db | Trx,
  channel: ListenerChannel<Listener>,
): readonly Listener[] {
  return listenersIn(db)?.of(channel) ?? NONE
}

/**
 * Subscribes to `channel` on the app instance this database handle belongs to. A handle opened
 * without listeners refuses, rather than dropping the subscription silently.
 */
export function listen<Listener>(
  db: Db | Trx,
  channel: ListenerChannel<Listener>,
  listener: Listener,
): () => void {
  const listeners = listenersIn(db)
  if (!listeners) {
    throw new Error(
      `cannot follow "${channel.name}": this database handle was opened without ledger listeners (connectDatabase's plugins)`,
    )
  }
  return listeners.on(channel, listener)
}
