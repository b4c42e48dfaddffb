import { setTimeout as sleep } from 'node:timers/promises'
import type { AppContext } from '../../context.js'
import { driveSyncRun } from '../../sync/page-job.js'
import { startImport } from '../../sync/start-import.js'
import type { SyncRun } from '../../sync/sync-run.js'
import { getSyncRun, listSyncRuns } from '../../sync/sync-runs.js'
import { flag, parseArgs } from '../args.js'
import { CommandError, EXIT, UsageError } from '../cli.js'
import { requireWorkspace } from './campaign.js'
import { progressBar, runLine } from './sync-progress.js'

interface SyncCli {
  readonly ctx: AppContext
  readonly json: boolean
  readonly stdout?: NodeJS.WritableStream & { isTTY?: boolean }
  out(line: string): void
  err(line: string): void
}

// sync start [<workspace>|--workspace W] [--campaign C] [--full]
// sync status [<workspace>|--workspace W] [runId]
export async function syncCommand(cli: SyncCli, argv: string[]): Promise<number> {
  const [action, ...rest] = argv
  const args = parseArgs(rest, { values: ['workspace', 'campaign'], switches: ['full'] })
  const positional = [...args.positional]
  const workspaceId = await requireWorkspace(
    cli as Parameters<typeof requireWorkspace>[0],
    flag(args, 'workspace') ?? positional.shift(),
  )
  if (action === 'start') {
    const run = await startImport(cli.ctx, {
      workspaceId,
      campaignId: flag(args, 'campaign') ?? null,
      ...(args.flags.full ? { kind: 'full' as const } : {}),
    })
    const finished = await follow(cli, run)
    return finished.status === 'succeeded' ? EXIT.ok : EXIT.failure
  }
  if (action === 'status') {
    const runId = positional[0]
    if (runId) {
      const run = await getSyncRun(cli.ctx.db, workspaceId, runId)
      if (!run) throw new CommandError(`no sync run ${runId} in workspace ${workspaceId}`)
      if (cli.json) cli.out(JSON.stringify(run, null, 2))
      else cli.out(`${runLine(run)}\n${progressBar(run)}`)
      return EXIT.ok
    }
    const runs = await listSyncRuns(cli.ctx.db, workspaceId)
    if (cli.json) cli.out(JSON.stringify(runs, null, 2))
    else if (runs.length === 0) cli.out('no sync runs yet')
    else for (const run of runs) cli.out(runLine(run))
    return EXIT.ok
  }
  throw new UsageError('sync start|status [<workspace>|--workspace W] [--campaign C] [runId]')
}

/**
 * Imports the run here, page by page, showing progress: a redrawn bar on a terminal, a line per
 * page otherwise, one JSON document per page with --json. Server workers may take pages too
 * (PostgreSQL); each page commits once whoever reads it.
 */
async function follow(cli: SyncCli, started: SyncRun): Promise<SyncRun> {
  const tty = !cli.json && cli.stdout?.isTTY === true
  const show = async () => {
    const run = await getSyncRun(cli.ctx.db, started.workspaceId, started.id)
    if (!run) return
    if (cli.json) cli.out(JSON.stringify(run))
    else if (tty) cli.stdout?.write(`\r${progressBar(run)}\x1b[K`)
    else cli.out(progressBar(run))
  }
  await show()
  const deps = {
    db: cli.ctx.db,
    jobs: null,
    // The Intercom client (~20 MB) is loaded only when a page is fetched, not for `sync status`.
    apiFor: async (workspaceId: string) =>
      (await import('../../intercom/connections.js')).getIntercomApi(cli.ctx, workspaceId),
    logger: cli.ctx.logger,
  }
  for (;;) {
    try {
      await driveSyncRun(deps, started.id, { onPage: show })
    } catch (error) {
      // Counted on the run; after too many in a row it is failed and the loop ends below.
      cli.err(`page failed, retrying: ${error instanceof Error ? error.message : String(error)}`)
      await sleep(2_000)
    }
    const run = await getSyncRun(cli.ctx.db, started.workspaceId, started.id)
    if (!run) throw new CommandError('the sync run disappeared')
    if (run.status !== 'running') {
      if (tty) cli.stdout?.write('\n')
      if (!cli.json) cli.out(runLine(run))
      else cli.out(JSON.stringify(run))
      return run
    }
    // Another worker holds the page ('superseded'): wait for it to move on.
    await sleep(500)
  }
}
