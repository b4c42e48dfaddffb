import { createHmac } from 'node:crypto'
import type { Config } from '../config.js'

/** The playground's own demo workspace: the only one its key may act for. */
export const PLAYGROUND_WORKSPACE = 'playground'

/** Who signed a Canvas Kit request: Intercom (the client secret) or the playground sandbox. */
export type CanvasSigner = 'intercom' | 'playground'

/** The keys a Canvas Kit request may be signed with, in the order they are tried. */
export function canvasKeys(config: Config): { signer: CanvasSigner; secret: string }[] {
  const keys: { signer: CanvasSigner; secret: string }[] = []
  if (config.signingSecret) keys.push({ signer: 'intercom', secret: config.signingSecret })
  if (config.playground)
    keys.push({ signer: 'playground', secret: config.playground.signingSecret })
  return keys
}

/**
 * Whether a signer may act for a workspace: Intercom for any, the playground only for its own.
 * This is what keeps the sandbox from ever minting anything for a real contact.
 */
export function signerMayActFor(signer: CanvasSigner, workspaceId: string | null): boolean {
  return signer === 'intercom' || workspaceId === PLAYGROUND_WORKSPACE
}

/**
 * The seal on a share-sheet URL: an HMAC, with a key only this deployment holds, of the workspace
 * and person the card was rendered for. The sheet's POST is unsigned (it comes from the visitor's
 * browser) and its workspace_id is plain text: only a sealed pair decides where it acts.
 */
export function sheetSeal(config: Config, workspaceId: string, personKey: string): string {
  return createHmac('sha256', config.encryptionKey)
    .update(`share-sheet\0${workspaceId}\0${personKey}`)
    .digest('hex')
}

/** The person a seal names: the Intercom contact id, else the lower-cased email. */
export function sheetPersonKey(person: {
  readonly contactId?: string | null
  readonly email?: string | null
}): string | null {
  return person.contactId ?? person.email?.trim().toLowerCase() ?? null
}
