import { Worker } from 'node:worker_threads'
import type { PGliteSession } from './pglite-dialect.js'

/** What the worker starts from: the data directory, or a dump to load instead of an empty cluster. */
export interface ThreadStart {
  readonly dataDir: string
  readonly snapshot: ArrayBuffer | null
}

export type ThreadRequest =
  | {
      readonly kind: 'query'
      readonly id: number
      readonly sql: string
      readonly params: unknown[]
    }
  | { readonly kind: 'exec'; readonly id: number; readonly sql: string }
  | { readonly kind: 'close'; readonly id: number }

export type ThreadReply =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly error: Record<string, unknown> }
  | { readonly kind: 'notification'; readonly channel: string; readonly payload: string }
  | {
      readonly kind: 'result'
      readonly id: number
      readonly rows: unknown[]
      readonly affectedRows: number
    }
  | { readonly kind: 'error'; readonly id: number; readonly error: Record<string, unknown> }

type Listener = (channel: string, payload: string) => void
type WithoutId<Request> = Request extends unknown ? Omit<Request, 'id'> : never

/** An embedded database session: PGlite itself, or the thread that owns one. */
export type EmbeddedSession = PGliteSession & {
  onNotification(listener: Listener): () => void
}

/** A database error as the worker reported it: message, name and fields (code, detail, ...) kept. */
function rebuiltError(fields: Record<string, unknown>): Error {
  const error = new Error(String(fields.message ?? 'database error'))
  return Object.assign(error, fields)
}

/**
 * An embedded database in a worker thread of its own. PGlite executes every statement
 * synchronously on the thread that calls it: on the HTTP thread, a transaction of a few dozen
 * milliseconds held every request (webhook acks, card views) until it ended. In a worker, the HTTP
 * thread parses, verifies and answers while statements run; statements still go one at a time
 * through the dialect's lock (pglite-dialect.ts), the worker only executes them.
 */
export async function openPGliteThread(dataDir: string, snapshot?: Blob): Promise<EmbeddedSession> {
  const start: ThreadStart = {
    dataDir,
    snapshot: snapshot ? await snapshot.arrayBuffer() : null,
  }
  const worker = import.meta.url.endsWith('.ts')
    ? // From source (tests, the bench's seeding), the worker's TypeScript goes through tsx too.
      new Worker(
        `import('tsx/esm/api')
          .then(({ register }) => (register(), import(${JSON.stringify(new URL('./pglite-thread-worker.ts', import.meta.url).href)})))`,
        { eval: true, workerData: start, transferList: start.snapshot ? [start.snapshot] : [] },
      )
    : new Worker(new URL('./pglite-thread-worker.js', import.meta.url), {
        workerData: start,
        // The dump moves to the thread rather than being copied.
        transferList: start.snapshot ? [start.snapshot] : [],
      })
  const pending = new Map<
    number,
    {
      resolve: (reply: { rows: unknown[]; affectedRows: number }) => void
      reject: (e: Error) => void
    }
  >()
  const listeners = new Set<Listener>()
  let nextId = 1
  let closed = false
  let gone: Error | null = null
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: ThreadReply) => {
      if (reply.kind === 'ready') return resolve()
      if (reply.kind === 'failed') return reject(rebuiltError(reply.error))
      if (reply.kind === 'notification') {
        for (const listener of listeners) listener(reply.channel, reply.payload)
        return
      }
      const waiting = pending.get(reply.id)
      if (!waiting) return
      pending.delete(reply.id)
      if (reply.kind === 'error') waiting.reject(rebuiltError(reply.error))
      else waiting.resolve(reply)
    })
    worker.on('error', (error) => {
      gone = error
      reject(error)
    })
    worker.on('exit', (code) => {
      closed = true
      // SQLSTATE 08006, connection failure: requests answer 503 (http/database-unavailable.ts).
      gone ??= Object.assign(
        new Error(`the embedded database's thread stopped (exit code ${code})`),
        { code: '08006' },
      )
      reject(gone)
      for (const waiting of pending.values()) waiting.reject(gone)
      pending.clear()
    })
  })
  const send = (request: WithoutId<ThreadRequest>) => {
    if (gone) return Promise.reject(gone)
    const id = nextId++
    return new Promise<{ rows: unknown[]; affectedRows: number }>((resolve, reject) => {
      pending.set(id, { resolve, reject })
      worker.postMessage({ ...request, id })
    })
  }
  await ready
  return {
    waitReady: ready,
    get closed() {
      return closed
    },
    async query<R>(sql: string, params: unknown[] = []) {
      const result = await send({ kind: 'query', sql, params })
      return { rows: result.rows as R[], affectedRows: result.affectedRows }
    },
    async exec(sql: string) {
      return [await send({ kind: 'exec', sql })]
    },
    onNotification(listener: Listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async close() {
      if (closed) return
      await send({ kind: 'close' }).catch(() => {})
      closed = true
      await worker.terminate()
    },
  }
}
