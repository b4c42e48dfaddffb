import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:net'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

export interface Child {
  readonly process: ChildProcess
  readonly url: string
  /** Peak resident set size so far (VmHWM), in MB. */
  peakRssMb(): number
  stop(): Promise<void>
}

const PROBE_MODULE = new URL('./server-probe.mjs', import.meta.url).href

/** The server as production runs it: transpiled by `npm run build` (see buildServer). */
export const SERVER_ENTRY = 'dist/src/main.js'

/** Transpiles the app to dist/ once per bench run, as `npm start` and the Dockerfile do. */
export function buildServer(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' })
}

/** Runs an entry point (TypeScript under tsx, JavaScript as is) as its own process and waits for its /healthz (or port). */
export async function startChild(
  entry: string,
  env: Record<string, string>,
  readyPath = '/healthz',
  options: { probe?: boolean } = {},
): Promise<Child> {
  const port = Number(env.PORT ?? (await freePort()))
  // The probe (event-loop delay, GC pauses, CPU profile) rides in the process, over an IPC channel.
  const probe = options.probe ? ['--import', PROBE_MODULE] : []
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', ...probe, entry] : [...probe, entry]
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: options.probe ? ['ignore', 'ignore', 'pipe', 'ipc'] : ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000)
  })
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${entry} exited (${child.exitCode}): ${stderr}`)
    try {
      const res = await fetch(url + readyPath)
      if (res.status < 500) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      // Not left running: it would hold the bench (and, on PGlite, the data directory) open.
      child.kill('SIGKILL')
      throw new Error(`${entry} did not start within 120 s: ${stderr}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return {
    process: child,
    url,
    peakRssMb: () => peakRssMb(child.pid),
    stop: async () => {
      if (child.exitCode !== null) return
      child.kill('SIGTERM')
      await new Promise((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL')
          resolve(null)
        }, 15_000)
        child.once('exit', () => {
          clearTimeout(timer)
          resolve(null)
        })
      })
    },
  }
}

/** VmHWM of a process and its descendants' largest (tsx runs the program in the same process). */
export function peakRssMb(pid: number | undefined): number {
  if (!pid) return 0
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = /VmHWM:\s+(\d+) kB/.exec(status)
    return match ? Math.round(Number(match[1]) / 1024) : 0
  } catch {
    return 0
  }
}

/** What stalled a probed server between `reset` and `read` (see bench/server-probe.mjs). */
export interface Stalls {
  readonly loopDelay: { readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number }
  readonly gc: {
    readonly count: number
    readonly major: number
    readonly totalMs: number
    readonly maxMs: number
  }
  readonly heapUsedMb: number
}

let probeRequests = 0

/** Sends a command to a server started with `probe: true` and waits for its answer. */
export function askProbe<T = Record<string, unknown>>(
  child: Child,
  probe: 'reset' | 'read' | 'profile-start' | 'profile-stop' | 'heap-snapshot',
  extra: Record<string, unknown> = {},
): Promise<T> {
  const id = ++probeRequests
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.process.off('message', onMessage)
      reject(new Error(`the server probe did not answer ${probe}`))
    }, 30_000)
    const onMessage = (message: unknown) => {
      const reply = message as { id?: number; error?: string } | null
      if (reply?.id !== id) return
      clearTimeout(timer)
      child.process.off('message', onMessage)
      if (reply.error) reject(new Error(reply.error))
      else resolve(reply as T)
    }
    child.process.on('message', onMessage)
    child.process.send({ probe, id, ...extra })
  })
}
