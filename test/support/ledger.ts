import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { getDefaultCampaign } from '../../src/ledger/campaigns.js'
import { ensureReferrer } from '../../src/ledger/referrers.js'
import type { Actor } from '../../src/ledger/types.js'
import { ensureWorkspace } from '../../src/ledger/workspaces.js'
import { newWorkspaceId } from './db.js'

export const SYSTEM: Actor = { type: 'system' }

/** A workspace of the calling test's own, with its default campaign. */
export async function newWorkspace(db: Kysely<Database>) {
  const workspace = await ensureWorkspace(db, { id: newWorkspaceId(), name: 'Test workspace' })
  const campaign = await getDefaultCampaign(db, workspace.id)
  return { workspace, campaign, workspaceId: workspace.id }
}

export async function newReferrer(
  db: Kysely<Database>,
  workspaceId: string,
  name = 'Jane Doe',
  email = `${name.split(' ')[0]?.toLowerCase()}.${Math.random().toString(36).slice(2, 8)}@example.com`,
) {
  return ensureReferrer(db, {
    workspaceId,
    person: { contactId: `contact_${Math.random().toString(36).slice(2, 10)}`, email, name },
    source: 'api',
    actor: SYSTEM,
  })
}
