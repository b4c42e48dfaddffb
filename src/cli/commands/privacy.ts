import { writeFile } from 'node:fs/promises'
import { erasePerson, type ErasureTarget } from '../../ledger/privacy/erase-person.js'
import { exportPerson } from '../../ledger/privacy/export-person.js'
import { flag, parseArgs, type ParsedArgs } from '../args.js'
import { type Cli, CommandError, EXIT, print, UsageError } from '../cli.js'
import { requireWorkspace } from './campaign.js'

const USAGE =
  'privacy erase|export <workspace> --email E | --contact ID | --participant ID [--reason R] [--out file]'
const PERSON_FLAGS = ['email', 'contact', 'participant']

function targetOf(args: ParsedArgs): ErasureTarget {
  const target = {
    email: flag(args, 'email') ?? null,
    contactId: flag(args, 'contact') ?? null,
    participantId: flag(args, 'participant') ?? null,
  }
  if (!target.email && !target.contactId && !target.participantId)
    throw new UsageError(`name the person: ${USAGE}`)
  return target
}

// privacy erase <workspace> --email E [--reason R] | privacy export <workspace> --email E [--out f]
export async function privacyCommand(cli: Cli, argv: string[]): Promise<number> {
  const [action, ...rest] = argv
  if (action === 'erase') {
    const args = parseArgs(rest, { values: [...PERSON_FLAGS, 'reason'] })
    const workspaceId = await requireWorkspace(cli, args.positional[0])
    const result = await erasePerson(cli.ctx.db, {
      workspaceId,
      target: targetOf(args),
      actor: { type: 'operator', id: 'cli' },
      reason: flag(args, 'reason') ?? null,
    })
    print(cli, result, () => [
      result.status === 'erased'
        ? `erased person ${result.participantId}: ${result.scrubbedRows} rows scrubbed; counts kept`
        : result.status === 'already_erased'
          ? 'already erased: nothing left to remove'
          : 'nobody by that identifier in this workspace (anything Intercom sent about it was forgotten)',
    ])
    return EXIT.ok
  }
  if (action === 'export') {
    const args = parseArgs(rest, { values: [...PERSON_FLAGS, 'out'] })
    const workspaceId = await requireWorkspace(cli, args.positional[0])
    const document = await exportPerson(cli.ctx.db, { workspaceId, target: targetOf(args) })
    if (!document) throw new CommandError('nobody by that identifier in this workspace')
    const text = JSON.stringify(document, null, 2)
    const out = flag(args, 'out')
    if (!out) {
      cli.out(text)
      return EXIT.ok
    }
    await writeFile(out, `${text}\n`, { mode: 0o600 })
    print(cli, { out, person: document.person.id }, () => [`wrote the export to ${out}`])
    return EXIT.ok
  }
  throw new UsageError(USAGE)
}
