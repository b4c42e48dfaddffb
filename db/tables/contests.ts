import type { ColumnType, Generated, Selectable } from 'kysely'

export type ContestMetric = 'qualified' | 'joined'

export interface ContestsTable {
  id: Generated<string>
  workspace_id: string
  campaign_id: string
  name: string
  metric: Generated<ContestMetric>
  starts_at: Date
  ends_at: Date
  /** IANA time zone the period was set in (and results are dated in). */
  time_zone: string
  top_n: Generated<number>
  // Parsed by src/contests/contest-settings.ts (a reward: kind, amount, points, coupon pool).
  top_prize: ColumnType<unknown, string | null, string | null>
  threshold: number | null
  threshold_prize: ColumnType<unknown, string | null, string | null>
  frozen_at: Date | null
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
}

/** Maintained by database triggers (see the contests migration); the app only reads it. */
export interface ContestStandingsTable {
  contest_id: string
  workspace_id: string
  referrer_id: string
  participant_id: string
  score: number
  reached_at: Date
  /** The best rank a rank-changed event was owed for; a later event needs a better one. */
  best_notified_rank: number | null
}

export interface ContestResultsTable {
  contest_id: string
  workspace_id: string
  referrer_id: string
  participant_id: string
  rank: number
  score: number
  reached_at: Date
  prize: 'top' | 'threshold' | null
  reward_id: string | null
}

/** People who asked not to appear by name on any leaderboard of their workspace. */
export interface LeaderboardOptOutsTable {
  participant_id: string
  workspace_id: string
  created_at: Generated<Date>
}

export interface ExperimentsTable {
  id: Generated<string>
  workspace_id: string
  campaign_id: string
  name: string
  // Parsed by src/experiments/experiment-settings.ts.
  variants: ColumnType<unknown, string, string>
  status: Generated<'running' | 'stopped'>
  promoted_variant: string | null
  started_at: Generated<Date>
  stopped_at: Date | null
  created_at: ColumnType<Date, never, never>
}

export interface ExperimentAssignmentsTable {
  experiment_id: string
  workspace_id: string
  referrer_id: string
  variant: string
  assigned_at: Generated<Date>
  shared_at: Date | null
}

export type ContestRow = Selectable<ContestsTable>
export type ExperimentRow = Selectable<ExperimentsTable>
