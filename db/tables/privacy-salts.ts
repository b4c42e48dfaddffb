import type { Generated } from 'kysely'

/** The deployment's one salt for erased-identity hashes (row id 1). */
export interface PrivacySaltsTable {
  id: number
  salt: string
  created_at: Generated<Date>
}
