import type { SyncRunRow } from '../../db/tables/sync-runs.js'

export interface SyncProgress {
  readonly done: number
  readonly total: number | null
  /** 0–100, or null while the total is unknown (before the first page). */
  readonly percent: number | null
  /** Contacts per second since the run started. */
  readonly ratePerSecond: number | null
  /** Seconds left at the current rate; null when finished or unknown. */
  readonly etaSeconds: number | null
}

export interface SyncRun {
  readonly id: string
  readonly workspaceId: string
  readonly campaignId: string
  readonly kind: 'full' | 'incremental'
  readonly status: 'running' | 'succeeded' | 'failed' | 'cancelled'
  readonly source: string
  readonly segmentId: string | null
  /** Incremental runs read contacts updated after this time. */
  readonly since: Date | null
  readonly pages: number
  /** Referrers created by this run; `progress.done` counts contacts read. */
  readonly imported: number
  /** Contacts without a usable email, which cannot become referrers. */
  readonly skipped: number
  readonly error: string | null
  readonly startedAt: Date
  readonly updatedAt: Date
  readonly finishedAt: Date | null
  readonly progress: SyncProgress
}

/** Pure: progress figures from the counters, measured against `now` while the run is going. */
export function progressOf(
  run: {
    done: number
    total: number | null
    status: SyncRun['status']
    startedAt: Date
    finishedAt: Date | null
  },
  now: Date,
): SyncProgress {
  const end = run.finishedAt ?? now
  const seconds = Math.max(0, (end.getTime() - run.startedAt.getTime()) / 1000)
  const ratePerSecond = seconds > 0 ? round(run.done / seconds, 1) : null
  // Contacts updated during a scan can be read twice, so done may pass total: clamp the display.
  const percent =
    run.status === 'succeeded'
      ? 100
      : run.total === null
        ? null
        : run.total === 0
          ? 100
          : Math.min(100, round((run.done / run.total) * 100, 1))
  const left = run.total === null ? null : Math.max(0, run.total - run.done)
  const etaSeconds =
    run.status !== 'running' || left === null || !ratePerSecond
      ? null
      : Math.ceil(left / ratePerSecond)
  return { done: run.done, total: run.total, percent, ratePerSecond, etaSeconds }
}

export function toSyncRun(row: SyncRunRow, now: Date = new Date()): SyncRun {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    campaignId: row.campaign_id,
    kind: row.kind,
    status: row.status,
    source: row.source,
    segmentId: row.segment_id,
    since: row.since,
    pages: row.pages,
    imported: row.imported,
    skipped: row.skipped,
    error: row.error,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
    progress: progressOf(
      {
        done: row.done,
        total: row.total,
        status: row.status,
        startedAt: row.started_at,
        finishedAt: row.finished_at,
      },
      now,
    ),
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
