import type { IntercomSegment } from './api-types.js'

/** What the dashboard's pickers offer for a workspace connected to Intercom. */
export interface WorkspaceCatalog {
  readonly attributes: readonly CatalogAttribute[]
  readonly segments: readonly IntercomSegment[]
}

export interface CatalogAttribute {
  /** What the settings store: `role`, `email`, or `custom_attributes.<name>`. */
  readonly fullName: string
  /** The bare name (what attribute mappings store). */
  readonly name: string
  readonly label: string
  readonly dataType: string
  readonly custom: boolean
  readonly options: readonly string[]
}

const LIMIT = 500

/** One instance's recently listed catalogs, per workspace (created by the composition root). */
export class WorkspaceCatalogCache {
  readonly #entries = new Map<string, { at: number; catalog: WorkspaceCatalog }>()

  get(workspaceId: string): { at: number; catalog: WorkspaceCatalog } | undefined {
    return this.#entries.get(workspaceId)
  }

  set(workspaceId: string, at: number, catalog: WorkspaceCatalog): void {
    if (this.#entries.size >= LIMIT) this.#entries.clear()
    this.#entries.set(workspaceId, { at, catalog })
  }

  forget(workspaceId: string): void {
    this.#entries.delete(workspaceId)
  }
}
