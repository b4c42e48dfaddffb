import { connectDatabase } from '../db/connect.js'
import { spawn } from 'node:child_process'
import { freePort, peakRssMb, startChild, SERVER_ENTRY } from './processes.js'
import type { Figure } from './report.js'
import { BENCH_ADMIN_KEY, notAvailable, round } from './scenario-support.js'
import type { ScenarioContext } from './scenario-support.js'
import { BENCH_WORKSPACE } from './seed.js'

const RSS_TARGET_MB = 300

/**
 * The streamed CSV export of every seeded referral through the admin API, in a server process of
 * its own started for it: its peak RSS (VmHWM, start-up included) is the figure. The body is
 * counted and thrown away, so the client never holds the file.
 */
export async function exportScenario(ctx: ScenarioContext): Promise<Figure[]> {
  const seeded = await referralCount(ctx)
  const port = await freePort()
  const server = await startChild(SERVER_ENTRY, {
    ...ctx.serverEnv,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ADMIN_API_KEY: BENCH_ADMIN_KEY,
  })
  try {
    const idleMb = server.peakRssMb()
    const started = Date.now()
    const res = await fetch(
      `${server.url}/api/v1/workspaces/${BENCH_WORKSPACE}/exports/referrals.csv`,
      { headers: { authorization: `Bearer ${BENCH_ADMIN_KEY}` } },
    )
    if (res.status !== 200 || !res.body) {
      return [
        notAvailable('CSV export', `GET …/exports/referrals.csv answered ${res.status}`, true),
      ]
    }
    let bytes = 0
    let newlines = 0
    const reader = res.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      bytes += value.length
      for (const byte of value) if (byte === 10) newlines += 1
    }
    const seconds = (Date.now() - started) / 1000
    const rows = Math.max(0, newlines - 1) // the header line
    const peak = server.peakRssMb()
    ctx.log(`export: ${rows} rows, ${Math.round(bytes / 2 ** 20)} MB in ${round(seconds)} s`)
    const figures: Figure[] = [
      {
        name: `CSV export of ${rows.toLocaleString('en')} referrals: server peak RSS (${idleMb} MB before the export)`,
        value: peak,
        unit: 'MB',
        target: `≤ ${RSS_TARGET_MB} MB`,
        met: rows > 0 && peak <= RSS_TARGET_MB,
      },
      {
        name: `CSV export: ${Math.round(bytes / 2 ** 20)} MB streamed in ${round(seconds)} s`,
        value: Math.round(rows / Math.max(seconds, 0.001)),
        unit: 'rows/s',
        target: '',
        met: null,
      },
    ]
    if (rows !== seeded) {
      figures.push({
        name: 'CSV export: rows in the file vs referrals seeded',
        value: rows,
        unit: 'rows',
        target: seeded.toLocaleString('en'),
        met: false,
      })
    }
    await server.stop()
    figures.push(...(await cliExportFigures(ctx, seeded)))
    return figures
  } finally {
    await server.stop()
  }
}

/**
 * The same export as an operator runs it (`npm run cli -- export`: the compiled CLI, dist/ built
 * by bench/run.ts), in a process of its own, so the figure is the export's process and not a
 * server that also served load before.
 */
async function cliExportFigures(ctx: ScenarioContext, seeded: number): Promise<Figure[]> {
  const started = Date.now()
  const child = spawn(
    process.execPath,
    ['dist/src/cli/main.js', 'export', BENCH_WORKSPACE, 'referrals', '--out', '/dev/null'],
    {
      env: { ...process.env, ...ctx.serverEnv, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  let peak = 0
  // VmHWM is the process's own high-water mark; read it until the process is gone.
  const sampler = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid))), 100)
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  clearInterval(sampler)
  const seconds = (Date.now() - started) / 1000
  const rows = Number(/wrote (\d+) referrals/.exec(output)?.[1] ?? 0)
  ctx.log(`CLI export: ${rows} rows in ${round(seconds)} s, peak RSS ${peak} MB`)
  if (code !== 0 || rows !== seeded) {
    return [
      notAvailable(
        'CSV export (CLI)',
        `exit ${code}, ${rows} of ${seeded} rows: ${output.slice(-300)}`,
        true,
      ),
    ]
  }
  return [
    {
      name: `CSV export of ${rows.toLocaleString('en')} referrals: export process peak RSS (npm run cli -- export, ${round(seconds)} s)`,
      value: peak,
      unit: 'MB',
      target: `≤ ${RSS_TARGET_MB} MB`,
      met: peak > 0 && peak <= RSS_TARGET_MB,
    },
  ]
}

/** The workspace's referrals as the database holds them (a re-used database may hold more). */
async function referralCount(ctx: ScenarioContext): Promise<number> {
  // Opened only while no app process runs: PGlite allows one process per data directory.
  const handle = await connectDatabase(ctx.target)
  try {
    const row = await handle.db
      .selectFrom('referrals')
      .select(handle.db.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', BENCH_WORKSPACE)
      .executeTakeFirstOrThrow()
    return Number(row.n)
  } finally {
    await handle.close()
  }
}
