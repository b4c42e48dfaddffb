import { listDeadLetters, retryDeadLetter } from '../../intercom/writeback/dead-letters.js'
import { parseArgs } from '../args.js'
import { type Cli, CommandError, EXIT, print, table, UsageError } from '../cli.js'
import { requireWorkspace } from './campaign.js'

// dead-letter list <workspace> | dead-letter retry <workspace> <id>|--all
export async function deadLetterCommand(cli: Cli, argv: string[]): Promise<number> {
  const [action, ...rest] = argv
  if (action === 'list') {
    const args = parseArgs(rest)
    const workspaceId = await requireWorkspace(cli, args.positional[0])
    const letters = await listDeadLetters(cli.ctx.db, workspaceId)
    print(cli, letters, () =>
      letters.length === 0
        ? ['no failed write-backs']
        : table([
            ['ID', 'CONTACT', 'STATUS', 'FAILED AT', 'REASON'],
            ...letters.map((d) => [
              d.id,
              d.contactId,
              d.statusCode,
              d.failedAt.toISOString(),
              d.reason,
            ]),
          ]),
    )
    return EXIT.ok
  }
  if (action === 'retry') {
    const args = parseArgs(rest, { switches: ['all'] })
    const workspaceId = await requireWorkspace(cli, args.positional[0])
    const ids = args.flags.all
      ? (await listDeadLetters(cli.ctx.db, workspaceId)).map((d) => d.id)
      : args.positional.slice(1).map((text) => {
          if (!/^\d+$/.test(text)) throw new UsageError(`"${text}" is not a dead-letter id`)
          return Number(text)
        })
    if (ids.length === 0 && !args.flags.all)
      throw new UsageError('dead-letter retry <workspace> <id>… | --all')
    const retried: number[] = []
    const missing: number[] = []
    for (const id of ids)
      ((await retryDeadLetter(cli.ctx, workspaceId, id)) ? retried : missing).push(id)
    print(cli, { retried, missing }, () => [
      `queued ${retried.length} write-back${retried.length === 1 ? '' : 's'} again`,
    ])
    if (missing.length > 0)
      throw new CommandError(`no dead letter ${missing.join(', ')} in ${workspaceId}`)
    return EXIT.ok
  }
  throw new UsageError('dead-letter list <workspace> | dead-letter retry <workspace> <id>… | --all')
}
