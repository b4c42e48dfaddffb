import type { AppContext } from '../context.js'

/** What a command gets: the app context on the configured database, and where to write. */
export interface Cli {
  readonly ctx: AppContext
  /** --json: one JSON document on stdout, for scripts. */
  readonly json: boolean
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean }
  out(line: string): void
  err(line: string): void
}

/** Exit codes: 0 ok, 1 the operation failed, 2 the command line was wrong. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const

export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export class CommandError extends Error {
  override readonly name = 'CommandError'
}

/** A command: reads its own arguments (after the command word) and returns its exit code. */
export type Command = (cli: Cli, argv: string[]) => Promise<number>

/** Prints a result: JSON with --json, else the human lines. */
export function print(cli: Cli, value: unknown, human: () => string[]): void {
  if (cli.json) cli.out(JSON.stringify(value, null, 2))
  else for (const line of human()) cli.out(line)
}

/** Left-aligned columns for a terminal table. */
export function table(rows: (string | number | null)[][]): string[] {
  const text = rows.map((row) => row.map((cell) => (cell === null ? '—' : String(cell))))
  const widths: number[] = []
  for (const row of text)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)))
  return text.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  )
}
