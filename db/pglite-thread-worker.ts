import { parentPort, workerData } from 'node:worker_threads'
import { createPGlite } from './pglite-open.js'
import type { ThreadReply, ThreadRequest, ThreadStart } from './pglite-thread.js'

/**
 * The worker thread that owns an embedded database (see pglite-thread.ts): PGlite runs its
 * statements synchronously, so here they take this thread's time, not the HTTP thread's. It only
 * executes what it is sent, one message at a time; the serialized path stays the dialect's lock.
 */
const start = workerData as ThreadStart
const port = parentPort!
const reply = (message: ThreadReply) => port.postMessage(message)

/** What a failed statement carries over (a PGlite DatabaseError's fields: code, detail, ...). */
function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) }
  const fields: Record<string, unknown> = { name: error.name, message: error.message }
  for (const [key, value] of Object.entries(error)) {
    if (value === undefined || typeof value === 'function' || typeof value === 'object') continue
    fields[key] = value
  }
  return fields
}

try {
  const pglite = await createPGlite(
    start.dataDir,
    start.snapshot ? new Blob([start.snapshot]) : undefined,
  )
  pglite.onNotification((channel, payload) => reply({ kind: 'notification', channel, payload }))
  port.on('message', async (request: ThreadRequest) => {
    try {
      if (request.kind === 'close') {
        await pglite.close()
        reply({ kind: 'result', id: request.id, rows: [], affectedRows: 0 })
        port.close()
        return
      }
      if (request.kind === 'exec') {
        const results = await pglite.exec(request.sql)
        const last = results[results.length - 1]
        reply({
          kind: 'result',
          id: request.id,
          rows: last?.rows ?? [],
          affectedRows: last?.affectedRows ?? 0,
        })
        return
      }
      const result = await pglite.query(request.sql, request.params, { rowMode: 'object' })
      reply({
        kind: 'result',
        id: request.id,
        rows: result.rows,
        affectedRows: result.affectedRows ?? 0,
      })
    } catch (error) {
      reply({ kind: 'error', id: request.id, error: errorFields(error) })
    }
  })
  reply({ kind: 'ready' })
} catch (error) {
  reply({ kind: 'failed', error: errorFields(error) })
}
