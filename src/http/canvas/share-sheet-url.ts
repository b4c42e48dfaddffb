import type { Config } from '../../config.js'
import type { PersonInput } from '../../ledger/types.js'
import { sheetPersonKey, sheetSeal } from '../canvas-signer.js'

/** The share sheet's URL carrying its seal (see canvas-signer.ts). */
export function sheetUrl(publicUrl: string, seal: string): string {
  return `${publicUrl}/canvas/messenger/sheet?seal=${encodeURIComponent(seal)}`
}

/** The sealed share-sheet URL of one person's card in one workspace. */
export function sealedSheetUrl(config: Config, workspaceId: string, person: PersonInput): string {
  const key = sheetPersonKey(person)
  const base = `${config.publicUrl}/canvas/messenger/sheet`
  return key ? sheetUrl(config.publicUrl, sheetSeal(config, workspaceId, key)) : base
}
