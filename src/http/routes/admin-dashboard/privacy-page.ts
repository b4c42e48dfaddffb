import type { Config } from '../../../config.js'
import type { Db } from '../../../ledger/db-types.js'
import { exportPerson, type PersonExport } from '../../../ledger/privacy/export-person.js'
import { isErasedPerson } from '../../../ledger/privacy/identity-hash.js'
import { type Html, html } from './html.js'
import { headedRow, listTable } from './list-table.js'

type Lookup =
  | { kind: 'none' }
  | { kind: 'found'; person: PersonExport }
  | { kind: 'erased' }
  | { kind: 'unknown' }

/** Looks a person up by email or Intercom contact id, as an admin types either into one box. */
async function lookUp(db: Db, workspaceId: string, query: string): Promise<Lookup> {
  if (!query) return { kind: 'none' }
  const target = query.includes('@') ? { email: query } : { contactId: query }
  const person = await exportPerson(db, { workspaceId, target })
  if (person) return { kind: 'found', person }
  return (await isErasedPerson(db, workspaceId, target)) ? { kind: 'erased' } : { kind: 'unknown' }
}

function text(value: unknown): string {
  return typeof value === 'string' && value ? value : '—'
}

function personSection(workspaceId: string, exported: PersonExport): Html {
  const person = exported.person
  const api = `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/privacy`
  const id = String(person.id)
  const codes = exported.referralCodes.map((code) => String(code.code)).join(', ')
  return html`<section aria-labelledby="person-h" id="person">
    <h2 id="person-h">${text(person.name) === '—' ? text(person.email) : text(person.name)}</h2>
    <dl class="facts">
      <div>
        <dt>Email</dt>
        <dd>${text(person.email)}</dd>
      </div>
      <div>
        <dt>Intercom contact id</dt>
        <dd>${text(person.contact_id)}</dd>
      </div>
      <div>
        <dt>Referral codes</dt>
        <dd>${codes || '—'}</dd>
      </div>
      <div>
        <dt>Friends they referred</dt>
        <dd data-fact="referralsMade">${exported.referralsMade.length}</dd>
      </div>
      <div>
        <dt>Referred by someone</dt>
        <dd>${exported.referralsReceived.length > 0 ? 'Yes' : 'No'}</dd>
      </div>
      <div>
        <dt>Rewards</dt>
        <dd data-fact="rewards">${exported.rewards.length}</dd>
      </div>
      <div>
        <dt>Link clicks kept</dt>
        <dd>${exported.linkClicks.length}</dd>
      </div>
    </dl>
    <p>
      <a class="button" href="${api}/export?participantId=${id}" download="person-${id}.json"
        >Download their data (JSON)</a
      >
    </p>
    ${eraseForm(workspaceId, id)}
  </section>`
}

/** The erase form: confirmed by a checkbox, posted by the dashboard's script to the privacy API. */
export function eraseForm(workspaceId: string, participantId: string): Html {
  const api = `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/privacy`
  const id = participantId
  return html`<form
    id="erase-form"
    class="danger-zone"
    data-url="${api}/erase"
    data-participant="${id}"
  >
    <h3>Erase this person</h3>
    <p>
      Their name, email, Intercom contact id, referral codes and every mention of them are removed.
      Their referrals and rewards still count, with no name attached. Their referral link stops
      working. This cannot be undone.
    </p>
    <label for="erase-reason">Reason (kept with the erasure record, optional)</label>
    <input id="erase-reason" name="reason" maxlength="500" placeholder="e.g. request #1234" />
    <label class="check"
      ><input type="checkbox" id="erase-confirm" /> I understand this cannot be undone</label
    >
    <button type="submit" class="danger">Erase this person</button>
  </form>`
}

function retentionTable(config: Pick<Config, 'retention'>): Html {
  const r = config.retention
  const rows: [string, string][] = [
    [
      'Link clicks (time and a daily-rotating visitor hash, never the IP)',
      `${r.linkClicksDays} days`,
    ],
    [
      "Snapshots of a contact's Intercom attributes",
      `${r.contactSnapshotsDays} days after the last change`,
    ],
    ['Webhook notifications received from Intercom', `${r.webhookNotificationsDays} days`],
    ['Finished background jobs', `${r.finishedJobsDays} days`],
    ['People, referrals, rewards and their history', 'Until erased'],
  ]
  return listTable({
    id: 'retention',
    caption: 'What is kept, and for how long',
    columns: ['Record', 'Kept for'],
    items: rows,
    row: ([what, period]) => headedRow(what, [period]),
  })
}

/** The dashboard's privacy page: find a person, download their data, erase them; retention. */
export async function privacyBody(
  db: Db,
  config: Pick<Config, 'retention'>,
  workspaceId: string,
  query: string,
): Promise<Html> {
  const found = await lookUp(db, workspaceId, query)
  return html`<p>
      Answer a data request: find a person by email or Intercom contact id, download everything the
      referral program holds about them, or erase them.
    </p>
    <form method="get" class="search" role="search">
      <label for="q">Email or Intercom contact id</label>
      <input id="q" name="q" value="${query}" autocomplete="off" required />
      <button type="submit">Find</button>
    </form>
    <div id="action-status" role="status" aria-live="polite" tabindex="-1"></div>
    ${found.kind === 'found' ? personSection(workspaceId, found.person) : ''}
    ${found.kind === 'erased' ? html`<p id="lookup-result">This person was erased. Nothing about them is kept.</p>` : ''}
    ${found.kind === 'unknown' ? html`<p id="lookup-result">Nobody in this workspace matches “${query}”.</p>` : ''}
    ${retentionTable(config)}`
}
