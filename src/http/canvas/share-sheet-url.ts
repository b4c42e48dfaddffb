import type { Config } from '../../config.js'
import type { PersonInput } from '../../ledger/types.js'
import { sheetPersonKey, sheetSeal } from '../canvas-signer.js'

const SHARE_SHEET_PATH = '/canvas/messenger/sheet'

/** A sheet's URL carrying its seal (see canvas-signer.ts); the share sheet unless a path is given. */
export function sheetUrl(publicUrl: string, seal: string, path = SHARE_SHEET_PATH): string {
  return `${publicUrl}${path}?seal=${encodeURIComponent(seal)}`
}

/**
 * The sealed URL of a sheet opened from one person's card in one workspace: sheet posts are
 * unsigned, so the seal is what ties them to the workspace and person the card was made for.
 */
export function sealedSheetUrl(
  config: Config,
  workspaceId: string,
  person: PersonInput,
  path = SHARE_SHEET_PATH,
): string {
  const key = sheetPersonKey(person)
  const base = `${config.publicUrl}${path}`
  return key ? sheetUrl(config.publicUrl, sheetSeal(config, workspaceId, key), path) : base
}
