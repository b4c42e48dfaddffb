import { spawn, type ChildProcess } from 'node:child_process'
import { BUILT, ROOT } from '../../support/built.js'
import { freePort } from '../../support/ports.js'

export interface AppProcess {
  readonly url: string
  readonly port: number
  readonly child: ChildProcess
  /** Every log line the process printed so far. */
  readonly output: string[]
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  readonly exited: Promise<number | string>
  kill(signal: NodeJS.Signals): void
}

/** The real entry point, compiled (dist/src/main.js), as a child process the way an operator runs it. */
export async function startAppProcess(env: Record<string, string>): Promise<AppProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, [BUILT.server], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output: string[] = []
  const collect = (chunk: Buffer) => output.push(...String(chunk).split('\n').filter(Boolean))
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  )
  const url = `http://127.0.0.1:${port}`
  // Ready when /healthz answers; give up if the process dies first.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`app exited at start:\n${output.join('\n')}`)
    try {
      const res = await fetch(`${url}/healthz`)
      if (res.ok) break
    } catch {
      // not listening yet
    }
    if (attempt > 600) throw new Error(`app did not become healthy:\n${output.join('\n')}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  return { url, port, child, output, exited, kill: (signal) => child.kill(signal) }
}
