// A child process for the crash test: the app (server, workers) on a PGlite DATA_DIR, starting an
// import (SYNC_START=1) or resuming the one a killed process left (SYNC_RESUME=1), and printing
// the run's progress until it finishes. Run with `node --import tsx`.
import { getDefaultCampaign, updateCampaign } from '../../src/ledger/campaigns.js'
import { startServer } from '../../src/server.js'
import { startImport } from '../../src/sync/start-import.js'
import { listSyncRuns } from '../../src/sync/sync-runs.js'
import { resumeStalledRuns } from '../../src/sync/tick.js'
import { testConfig } from './app.js'

const env = process.env
const workspaceId = env.INTERCOM_WORKSPACE_ID ?? ''
const sut = await startServer(
  testConfig({
    DATA_DIR: env.DATA_DIR,
    INTERCOM_API_BASE_URL: env.INTERCOM_API_BASE_URL,
    INTERCOM_ACCESS_TOKEN: env.INTERCOM_ACCESS_TOKEN,
    INTERCOM_WORKSPACE_ID: workspaceId,
  }),
  { host: '127.0.0.1' },
)
const db = sut.ctx.db
if (env.SYNC_START === '1') {
  const campaign = await getDefaultCampaign(db, workspaceId)
  await updateCampaign(db, {
    workspaceId,
    campaignId: campaign.id,
    settings: {
      ...campaign.settings,
      import: { ...campaign.settings.import, source: 'segment', segmentId: env.SYNC_SEGMENT },
    },
    actor: { type: 'system' },
  })
  const run = await startImport(sut.ctx, { workspaceId })
  process.stdout.write(`RUN ${run.id}\n`)
}
// This process knows the previous one is dead: no need to wait out the lease.
if (env.SYNC_RESUME === '1') await resumeStalledRuns(sut.ctx, 0)
for (;;) {
  const [run] = await listSyncRuns(db, workspaceId)
  if (run) process.stdout.write(`PROGRESS ${run.progress.done} ${run.status}\n`)
  if (run && run.status !== 'running') break
  await new Promise((resolve) => setTimeout(resolve, 200))
}
await sut.close()
process.exit(0)
