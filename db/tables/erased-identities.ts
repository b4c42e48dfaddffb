import type { Generated, Selectable } from 'kysely'

/** A keyed hash of an erased person's email, contact id or referral code (never the value). */
export interface ErasedIdentitiesTable {
  workspace_id: string
  identity_hash: string
  kind: 'email' | 'contact' | 'code'
  erased_at: Generated<Date>
}

export type ErasedIdentityRow = Selectable<ErasedIdentitiesTable>
