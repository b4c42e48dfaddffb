/** A contact an import run has read (kept while the run lasts), so progress counts it once. */
export interface SyncRunContactsTable {
  run_id: string
  contact_id: string
}
