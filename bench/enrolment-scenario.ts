import { connectDatabase } from '../db/connect.js'
import { getDefaultCampaign } from '../src/ledger/campaigns.js'
import { ensureWorkspace } from '../src/ledger/workspaces.js'
import { importPeople } from '../src/sync/import-contacts.js'
import { PAGE_SIZE } from '../src/sync/run-page.js'
import type { Figure } from './report.js'
import { notAvailable, numberFromEnv, round } from './scenario-support.js'
import type { ScenarioContext } from './scenario-support.js'

const SCENARIO = 'enrolment'
const WORKSPACE = 'benchenrol'

/**
 * Enrolment alone, without Intercom: pages of PAGE_SIZE new people enrolled as referrers exactly as
 * an import page is (importPeople in one transaction per page, write-back marks and events
 * included), one page after another, on the seeded database. The import's real limit is Intercom's
 * rate budget; this shows the ledger is never the bottleneck.
 */
export async function enrolmentScenario(ctx: ScenarioContext): Promise<Figure[]> {
  const contacts = Math.floor(
    numberFromEnv('BENCH_ENROL_CONTACTS', ctx.target.kind === 'postgres' ? 30_000 : 10_000),
  )
  if (contacts <= 0) return [notAvailable(SCENARIO, 'BENCH_ENROL_CONTACTS is 0')]
  const handle = await connectDatabase(ctx.target)
  try {
    const { db } = handle
    await ensureWorkspace(db, { id: WORKSPACE, name: 'Enrolment benchmark' })
    const campaign = await getDefaultCampaign(db, WORKSPACE)
    const tag = Date.now().toString(36)
    let enrolled = 0
    const started = process.hrtime.bigint()
    for (let from = 0; from < contacts; from += PAGE_SIZE) {
      const people = Array.from({ length: Math.min(PAGE_SIZE, contacts - from) }, (_, i) => {
        const n = from + i
        return {
          contactId: `enrol_${tag}_${n}`,
          email: `enrol.${tag}.${n}@bench.test`,
          name: `Enrolled ${n}`,
        }
      })
      const page = await db
        .transaction()
        .execute((trx) =>
          importPeople(trx, { campaign, people, actor: { type: 'import', id: 'bench' } }),
        )
      enrolled += page.imported
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9
    // Nobody will write these back (the workspace is not connected): leave no work behind.
    await db.deleteFrom('pending_contact_writes').where('workspace_id', '=', WORKSPACE).execute()
    const perSecond = Math.round(enrolled / seconds)
    ctx.log(`${SCENARIO}: ${enrolled} referrers in ${round(seconds)} s`)
    const onPostgres = ctx.target.kind === 'postgres'
    return [
      {
        name: `enrolment contacts/s into the ledger (${enrolled.toLocaleString('en')} new referrers in pages of ${PAGE_SIZE}, one transaction each, ${round(seconds)} s)`,
        value: perSecond,
        unit: 'contacts/s',
        target: onPostgres ? '≥ 1,000 contacts/s' : '',
        met: onPostgres ? perSecond >= 1000 && enrolled === contacts : null,
      },
    ]
  } finally {
    await handle.close()
  }
}
