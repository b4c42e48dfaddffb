import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

export type WorkspaceStatus = 'local' | 'active' | 'disconnected' | 'uninstalled'

export interface WorkspacesTable {
  id: string
  name: string | null
  region: Generated<string>
  status: Generated<WorkspaceStatus>
  token_source: 'oauth' | 'private' | null
  access_token_ciphertext: string | null
  status_reason: string | null
  installed_at: Date | null
  /** The first Messenger initialize: the card is on someone's Messenger Home. */
  first_canvas_at: Date | null
  /** The IANA time zone the workspace's days are counted in (analytics); 'UTC' by default. */
  time_zone: Generated<string>
  created_at: ColumnType<Date, never, never>
  updated_at: Generated<Date>
}

export type WorkspaceRow = Selectable<WorkspacesTable>
export type NewWorkspaceRow = Insertable<WorkspacesTable>
export type WorkspaceRowUpdate = Updateable<WorkspacesTable>
