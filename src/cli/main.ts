import { type Config, ConfigError, loadConfig } from '../config.js'
import { AppError } from '../errors.js'
import { LedgerError } from '../ledger/errors.js'
import { describeStartupError, messageOf } from '../startup-error.js'
import { type Cli, type Command, CommandError, EXIT, UsageError } from './cli.js'
import type { openContext } from './open-context.js'

const HELP = `Referrals for Intercom: the operator's command line

usage: npm run cli -- <command> [options]

  workspace list                                   every workspace
  workspace add <id> [--name N] [--region US]      add a workspace (with its default campaign)
  campaign list <workspace>                        the workspace's campaigns
  campaign show <workspace> [campaign-id]          every setting (default campaign when no id)
  campaign set <workspace> [--campaign id] path=value…
                                                   change settings, validated as a whole, e.g.
                                                   qualification.values='["pro","team"]'
                                                   destinationUrl=https://example.com/join
  sync start <workspace> [--campaign id] [--full]  import contacts from Intercom (progress bar)
  sync status <workspace> [run-id]                 import progress
  export <workspace> referrers|referrals [--out f] CSV (stdout unless --out), streamed
  dead-letter list <workspace>                     contact write-backs Intercom refused
  dead-letter retry <workspace> <id>…|--all        send them again
  privacy erase <workspace> --email E|--contact ID|--participant ID [--reason R]
                                                   forget a person (idempotent; counts stay)
  privacy export <workspace> --email E|--contact ID|--participant ID [--out f]
                                                   everything held about a person, as JSON

options: --json (machine-readable output), --help
exit codes: 0 ok, 1 failure, 2 usage error
The CLI opens the configured database (DATABASE_URL, or PGlite in DATA_DIR) itself.`

// Loaded on demand: `sync` alone pulls in the Intercom client, ~25 MB of memory the others never need.
const COMMANDS: Record<string, () => Promise<Command>> = {
  workspace: async () => (await import('./commands/workspace.js')).workspaceCommand,
  campaign: async () => (await import('./commands/campaign.js')).campaignCommand,
  sync: async () => (await import('./commands/sync.js')).syncCommand,
  export: async () => (await import('./commands/export.js')).exportCommand,
  'dead-letter': async () => (await import('./commands/dead-letter.js')).deadLetterCommand,
  privacy: async () => (await import('./commands/privacy.js')).privacyCommand,
}

function failure(json: boolean, code: string, message: string): void {
  process.stderr.write(
    json
      ? `${JSON.stringify({ error: { code, message } })}\n`
      : `${code === 'usage' ? 'usage' : 'error'}: ${message}\n`,
  )
}

export async function runCli(argv: string[]): Promise<number> {
  const json = argv.includes('--json')
  const rest = argv.filter((arg) => arg !== '--json')
  if (rest.length === 0 || rest.includes('--help') || rest.includes('-h') || rest[0] === 'help') {
    process.stdout.write(`${HELP}\n`)
    return rest.length === 0 ? EXIT.usage : EXIT.ok
  }
  const [name, ...args] = rest as [string, ...string[]]
  const loadCommand = COMMANDS[name]
  if (!loadCommand) {
    failure(json, 'usage', `unknown command "${name}" (see --help)`)
    return EXIT.usage
  }
  let opened: Awaited<ReturnType<typeof openContext>> | undefined
  let config: Config | undefined
  try {
    config = loadConfig()
    // Loaded after the arguments are read: `--help` and usage errors need no database driver.
    const { openContext } = await import('./open-context.js')
    opened = await openContext(config, {
      jobs: name === 'sync',
      log: (line) => process.stderr.write(`${line}\n`),
    })
    const cli: Cli = {
      ctx: opened.ctx,
      json,
      stdout: process.stdout,
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    }
    return await (
      await loadCommand()
    )(cli, args)
  } catch (error) {
    if (error instanceof UsageError) {
      failure(json, 'usage', error.message)
      return EXIT.usage
    }
    if (error instanceof ConfigError) failure(json, 'config', error.message)
    else if (error instanceof AppError) failure(json, error.code, error.message)
    else if (error instanceof LedgerError) failure(json, error.code, error.message)
    else if (error instanceof CommandError) failure(json, 'failed', error.message)
    else failure(json, 'failed', config ? describeStartupError(error, config) : messageOf(error))
    return EXIT.failure
  } finally {
    await opened?.close()
  }
}

// A closed stdout (e.g. `| head`) ends the export quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok)
})

const code = await runCli(process.argv.slice(2))
process.exitCode = code
