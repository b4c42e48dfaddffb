// Loaded into the server process by the bench (`node --import ./bench/server-probe.mjs …`), never
// by the app: it measures what stalls the server while the bench drives it, and reports over the
// child's IPC channel. Between a `reset` and a `read` it counts the event loop's delay
// (perf_hooks.monitorEventLoopDelay) and every garbage-collection pause (a PerformanceObserver on
// 'gc'); `profile-start` / `profile-stop` take a V8 CPU profile of that stretch through the
// in-process inspector and write it where the bench says (open it in Chrome DevTools), and
// `heap-snapshot` writes one of the heap (DevTools' Memory panel).
// Plain JavaScript: the server runs compiled (dist/), and tsx in its process would change the
// memory it is measured for.
import { writeFileSync } from 'node:fs'
import process from 'node:process'
import { Session } from 'node:inspector'
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { writeHeapSnapshot } from 'node:v8'

const delay = monitorEventLoopDelay({ resolution: 10 })
delay.enable()

const freshGc = () => ({ count: 0, major: 0, totalMs: 0, maxMs: 0 })
let gc = freshGc()
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gc.count++
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.major++
    gc.totalMs += entry.duration
    gc.maxMs = Math.max(gc.maxMs, entry.duration)
  }
}).observe({ entryTypes: ['gc'] })

const ms = (ns) => Math.round((ns / 1e6) * 10) / 10
let session = null

/** Posts a command to the inspector session, as a promise. */
const post = (method, params = {}) =>
  new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  )

async function handle(message) {
  switch (message.probe) {
    case 'reset':
      delay.reset()
      gc = freshGc()
      return {}
    case 'read':
      return {
        loopDelay: {
          p50Ms: ms(delay.percentile(50)),
          p99Ms: ms(delay.percentile(99)),
          maxMs: ms(delay.max),
        },
        gc: {
          count: gc.count,
          major: gc.major,
          totalMs: Math.round(gc.totalMs),
          maxMs: Math.round(gc.maxMs * 10) / 10,
        },
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
      }
    case 'profile-start':
      session = new Session()
      session.connect()
      await post('Profiler.enable')
      await post('Profiler.setSamplingInterval', { interval: 200 })
      await post('Profiler.start')
      return {}
    case 'profile-stop': {
      const { profile } = await post('Profiler.stop')
      session.disconnect()
      session = null
      writeFileSync(message.path, JSON.stringify(profile))
      return { path: message.path }
    }
    case 'heap-snapshot':
      return { path: writeHeapSnapshot(message.path) }
    default:
      return { error: `unknown probe command ${String(message.probe)}` }
  }
}

process.on('message', (message) => {
  if (!message || typeof message !== 'object' || typeof message.probe !== 'string') return
  handle(message).then(
    (reply) => process.send?.({ probe: message.probe, id: message.id, ...reply }),
    (error) => process.send?.({ probe: message.probe, id: message.id, error: String(error) }),
  )
})
// The channel must not keep a stopping server alive.
process.channel?.unref()
