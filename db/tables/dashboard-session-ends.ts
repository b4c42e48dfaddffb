import type { Generated } from 'kysely'

export interface DashboardSessionEndsTable {
  scope: string
  ended_before: Date
  created_at: Generated<Date>
}
