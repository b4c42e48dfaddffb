import type { IntercomSearchFilter, IntercomSearchQuery } from '../intercom/api-types.js'

export interface ImportScope {
  readonly source: 'leads' | 'users' | 'all' | 'segment'
  readonly segmentId: string | null
}

/**
 * Pure: the contacts search for one import. Intercom needs some filter, so a full import of all
 * contacts asks for `updated_at > 0`; an incremental one asks for contacts updated after `since`.
 */
export function importQuery(scope: ImportScope, since: Date | null): IntercomSearchQuery {
  const filters: IntercomSearchFilter[] = []
  if (scope.source === 'leads') filters.push({ field: 'role', operator: '=', value: 'lead' })
  if (scope.source === 'users') filters.push({ field: 'role', operator: '=', value: 'user' })
  if (scope.source === 'segment') {
    if (!scope.segmentId) throw new Error('a segment import needs a segment id')
    filters.push({ field: 'segment_id', operator: '=', value: scope.segmentId })
  }
  if (since) {
    filters.push({ field: 'updated_at', operator: '>', value: Math.floor(since.getTime() / 1000) })
  } else if (filters.length === 0) {
    filters.push({ field: 'updated_at', operator: '>', value: 0 })
  }
  const [only] = filters
  return filters.length === 1 && only ? only : { operator: 'AND', value: filters }
}

/**
 * Incremental runs look back this far before the last good run's start. Intercom matches
 * timestamps at day granularity (https://developers.intercom.com/docs/references/rest-api/api.intercom.io/contacts/searchcontacts), so one day is the margin that cannot
 * miss a contact under either reading; re-reading a contact is harmless (the import is idempotent).
 */
export const INCREMENTAL_MARGIN_MS = 24 * 60 * 60 * 1000
