import type { SyncRun } from '../../sync/sync-run.js'

/** Pure: `[#####-----]  5,000/10,000  50.0%  812/s  ETA 6s` for a terminal line. */
export function progressBar(run: SyncRun, width = 30): string {
  const { done, total, percent, ratePerSecond, etaSeconds } = run.progress
  const filled = percent === null ? 0 : Math.round((percent / 100) * width)
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`
  const count = `${done.toLocaleString('en-US')}/${total === null ? '?' : total.toLocaleString('en-US')}`
  const pct = percent === null ? '  ?%' : `${percent.toFixed(1)}%`
  const rate = ratePerSecond === null ? '—/s' : `${Math.round(ratePerSecond)}/s`
  const eta = etaSeconds === null ? '' : `  ETA ${duration(etaSeconds)}`
  return `${bar}  ${count}  ${pct}  ${rate}${eta}`
}

/** One plain line per run, for `sync status` and non-TTY progress. */
export function runLine(run: SyncRun): string {
  const { done, total } = run.progress
  return [
    run.id,
    run.status,
    run.kind,
    `${done}/${total ?? '?'}`,
    `imported ${run.imported}`,
    `skipped ${run.skipped}`,
    run.error ? `error: ${run.error}` : '',
  ]
    .filter(Boolean)
    .join('  ')
}

export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`
}
