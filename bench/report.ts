import { readFileSync, writeFileSync } from 'node:fs'

export interface Figure {
  readonly name: string
  readonly value: number
  readonly unit: string
  readonly target: string
  /** null: a figure with no target of its own. */
  readonly met: boolean | null
}

export interface BenchMeta {
  readonly date: string
  readonly machine: string
  readonly node: string
  readonly database: string
  readonly wallSeconds: number
  /** The machine's 1-minute load average when the run began and when it ended (os.loadavg). */
  readonly loadAverage?: { readonly start: number; readonly end: number }
  /** Whether other work shared the machine, in words (see run.ts). */
  readonly conditions?: string
}

function verdict(met: boolean | null): string {
  return met === null ? '' : met ? 'met' : 'NOT met'
}

export function markdownTable(meta: BenchMeta, figures: readonly Figure[]): string {
  const lines = [
    `Measured ${meta.date.slice(0, 10)} on ${meta.machine}, Node ${meta.node}, ${meta.database} (bench wall time ${meta.wallSeconds} s${meta.loadAverage ? `; 1-minute load average ${meta.loadAverage.start} at the start, ${meta.loadAverage.end} at the end` : ''}).${meta.conditions ? ` ${meta.conditions}` : ''}`,
    '',
    '| figure | value | target | |',
    '|---|---|---|---|',
    ...figures.map(
      (f) =>
        `| ${f.name} | ${f.value.toLocaleString('en')} ${f.unit} | ${f.target} | ${verdict(f.met)} |`,
    ),
  ]
  return lines.join('\n')
}

export function printTable(meta: BenchMeta, figures: readonly Figure[]): void {
  process.stdout.write('\n' + markdownTable(meta, figures) + '\n')
}

const START = '<!-- bench:start -->'
const END = '<!-- bench:end -->'

/**
 * Replaces the table between this database kind's bench markers in a Markdown page (the
 * benchmarks page); a page without them gets the marked table appended.
 */
export function writeBenchTable(path: string, meta: BenchMeta, figures: readonly Figure[]): void {
  let page = ''
  try {
    page = readFileSync(path, 'utf8')
  } catch {
    // no page yet: it is the table alone
  }
  const kind = meta.database.startsWith('PostgreSQL') ? 'postgres' : 'pglite'
  const start = `${START.replace(' -->', `:${kind} -->`)}`
  const end = `${END.replace(' -->', `:${kind} -->`)}`
  const block = `${start}\n\n${markdownTable(meta, figures)}\n\n${end}`
  const from = page.indexOf(start)
  const to = page.indexOf(end)
  const next =
    from >= 0 && to > from
      ? page.slice(0, from) + block + page.slice(to + end.length)
      : `${page.trimEnd()}${page ? '\n\n' : ''}${block}\n`
  if (next !== page) writeFileSync(path, next)
}

/** Keeps the latest run of each database kind side by side in one JSON file. */
export function writeResults(path: string, kind: 'postgres' | 'pglite', run: unknown): void {
  let all: Record<string, unknown> = {}
  try {
    const existing: unknown = JSON.parse(readFileSync(path, 'utf8'))
    if (
      existing &&
      typeof existing === 'object' &&
      ('postgres' in existing || 'pglite' in existing)
    ) {
      all = existing as Record<string, unknown>
    }
  } catch {
    // no earlier results, or unreadable ones: start afresh
  }
  writeFileSync(path, JSON.stringify({ ...all, [kind]: run }, null, 2) + '\n')
}
