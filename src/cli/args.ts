import { UsageError } from './cli.js'

export interface ParsedArgs {
  readonly positional: string[]
  readonly flags: Record<string, string | true>
}

/** `--name value`, `--name=value` and bare `--flag`; only the flags a command names are allowed. */
export function parseArgs(
  argv: readonly string[],
  known: { values?: readonly string[]; switches?: readonly string[] } = {},
): ParsedArgs {
  const values = new Set(known.values ?? [])
  const switches = new Set(known.switches ?? [])
  const positional: string[] = []
  const flags: Record<string, string | true> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--') {
      positional.push(...argv.slice(i + 1))
      break
    }
    if (!arg.startsWith('--')) {
      positional.push(arg)
      continue
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined]
    if (switches.has(name)) {
      flags[name] = true
    } else if (values.has(name)) {
      const value = inline ?? argv[++i]
      if (value === undefined || value.startsWith('--'))
        throw new UsageError(`--${name} needs a value`)
      flags[name] = value
    } else {
      throw new UsageError(`unknown option --${name}`)
    }
  }
  return { positional, flags }
}

export function flag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags[name]
  return typeof value === 'string' ? value : undefined
}
