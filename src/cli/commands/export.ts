import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { exportCsv } from '../../export/export-csv.js'
import { parseArgs, flag } from '../args.js'
import { type Cli, EXIT, UsageError } from '../cli.js'
import { requireWorkspace } from './campaign.js'

// export <workspace> referrers|referrals [--out file]: CSV streamed page by page
export async function exportCommand(cli: Cli, argv: string[]): Promise<number> {
  const args = parseArgs(argv, { values: ['out'] })
  const [workspaceArg, kind] = args.positional
  if (kind !== 'referrers' && kind !== 'referrals')
    throw new UsageError('export <workspace> referrers|referrals [--out file]')
  const workspaceId = await requireWorkspace(cli, workspaceArg)
  const path = flag(args, 'out')
  if (!path) {
    const count = await exportCsv(cli.ctx.db, workspaceId, kind, cli.stdout as unknown as Writable)
    if (cli.json) cli.err(JSON.stringify({ kind, rows: count }))
    return EXIT.ok
  }
  const file = createWriteStream(path)
  await once(file, 'open')
  const count = await exportCsv(cli.ctx.db, workspaceId, kind, file)
  file.end()
  await once(file, 'close')
  if (cli.json) cli.out(JSON.stringify({ kind, rows: count, out: path }))
  else cli.out(`wrote ${count} ${kind} to ${path}`)
  return EXIT.ok
}
