import type { Generated, Selectable } from 'kysely'

export interface OauthStateUsesTable {
  jti: string
  purpose: string
  used_at: Generated<Date>
  expires_at: Date
}

export type OauthStateUseRow = Selectable<OauthStateUsesTable>
