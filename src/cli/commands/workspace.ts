import { z } from 'zod'
import { ensureWorkspace, findWorkspace, listWorkspaces } from '../../ledger/workspaces.js'
import { flag, parseArgs } from '../args.js'
import { type Cli, EXIT, print, table, UsageError } from '../cli.js'

const workspaceId = z
  .string()
  .trim()
  .regex(/^[\w-]{1,100}$/, 'letters, digits, _ or - only')

// workspace list | workspace add <id> [--name N] [--region US|EU|AU]
export async function workspaceCommand(cli: Cli, argv: string[]): Promise<number> {
  const [action, ...rest] = argv
  if (action === 'list') {
    parseArgs(rest)
    const workspaces = await listWorkspaces(cli.ctx.db)
    print(cli, workspaces, () =>
      workspaces.length === 0
        ? ['no workspaces yet (add one: workspace add <id>)']
        : table([
            ['ID', 'NAME', 'REGION', 'STATUS'],
            ...workspaces.map((w) => [w.id, w.name, w.region, w.status]),
          ]),
    )
    return EXIT.ok
  }
  if (action === 'add') {
    const args = parseArgs(rest, { values: ['name', 'region'] })
    const parsed = workspaceId.safeParse(args.positional[0])
    if (!parsed.success || args.positional.length !== 1)
      throw new UsageError(
        `workspace add <id>: ${parsed.success ? 'one id only' : (parsed.error.issues[0]?.message ?? 'an id is required')}`,
      )
    const region = z
      .enum(['US', 'EU', 'AU'])
      .optional()
      .safeParse(flag(args, 'region')?.toUpperCase())
    if (!region.success) throw new UsageError('--region must be US, EU or AU')
    const existed = await findWorkspace(cli.ctx.db, parsed.data)
    const workspace = await ensureWorkspace(cli.ctx.db, {
      id: parsed.data,
      name: flag(args, 'name') ?? null,
      region: region.data ?? null,
    })
    print(cli, { ...workspace, created: !existed }, () => [
      existed ? `workspace ${workspace.id} already exists` : `added workspace ${workspace.id}`,
    ])
    return EXIT.ok
  }
  throw new UsageError('workspace list | workspace add <id> [--name N] [--region US|EU|AU]')
}
