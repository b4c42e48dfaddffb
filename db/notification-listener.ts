import pg from 'pg'

/** What a LISTEN subscriber is told: payloads, and whether it can trust it heard everything. */
export interface ListenCallbacks {
  /** A NOTIFY on the channel, after the transaction that sent it committed. */
  readonly onPayload: (payload: string) => void
  /** LISTEN is in effect (again): from now on every change is heard. */
  readonly onListening: () => void
  /** The connection is gone: notifications may be missed until onListening. */
  readonly onLost: (error: unknown) => void
}

/** Stops listening. */
export type StopListening = () => Promise<void>

const RETRY_MS = [100, 250, 500, 1_000, 2_000, 5_000]

/**
 * LISTEN on a dedicated PostgreSQL connection (a pooled one would hand the session to other work),
 * reconnecting with backoff when it drops. The channel is a fixed identifier of ours, never input.
 */
export function listenOnPostgres(
  url: string,
  channel: string,
  callbacks: ListenCallbacks,
): StopListening {
  let stopped = false
  let client: pg.Client | null = null
  let attempt = 0
  let timer: NodeJS.Timeout | null = null

  // Called once per dead client (its error, its end, a failed connect): only the current one counts.
  const lost = (dead: pg.Client, error: unknown) => {
    if (stopped || client !== dead) return
    client = null
    dead.removeAllListeners()
    dead.on('error', () => {})
    dead.end().catch(() => {})
    callbacks.onLost(error)
    const delay = RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]!
    timer = setTimeout(() => void connect(), delay)
    timer.unref()
  }

  const connect = async () => {
    timer = null
    if (stopped) return
    const next = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 })
    client = next
    next.on('error', (error) => lost(next, error))
    next.on('end', () => lost(next, new Error('notification connection ended')))
    next.on('notification', (message) => {
      if (message.channel === channel) callbacks.onPayload(message.payload ?? '')
    })
    try {
      await next.connect()
      await next.query(`listen ${channel}`)
      if (stopped || client !== next) return
      attempt = 0
      callbacks.onListening()
    } catch (error) {
      lost(next, error)
    }
  }

  void connect()
  return async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    const last = client
    client = null
    if (last) {
      last.removeAllListeners()
      last.on('error', () => {})
      await last.end().catch(() => {})
    }
  }
}
