import type { Migration } from 'kysely'
import * as createLedger from './20261123T000000Z-create-ledger.js'
import * as globalReferralCodes from './20261123T000100Z-global-referral-codes.js'
import * as intercomRateLimits from './20261123T010000Z-intercom-rate-limits.js'
import * as intercomConnection from './20261123T020000Z-intercom-connection.js'
import * as webhookNotifications from './20261123T030000Z-webhook-notifications.js'
import * as rewardsAndFraud from './20261123T040000Z-rewards-and-fraud.js'
import * as syncRuns from './20261123T050000Z-sync-runs.js'
import * as rewardReversal from './20261125T100000Z-reward-reversal.js'
import * as campaignVersionsAndSetup from './20261125T130000Z-campaign-versions-and-setup.js'
import * as intercomOutbox from './20261125T140000Z-intercom-outbox.js'
import * as referrerViewNotifications from './20261125T150000Z-referrer-view-notifications.js'
import * as webhookQueue from './20261125T150100Z-webhook-queue.js'
import * as stripeBilling from './20261125T160000Z-stripe-billing.js'
import * as privacy from './20261125T170000Z-privacy.js'
import * as finConnectors from './20261207T120000Z-fin-connectors.js'
import * as contestsAndExperiments from './20261207T130000Z-contests-and-experiments.js'
import * as trustSessionEnds from './20261207T140000Z-trust-session-ends.js'
import * as trustClickOncePerVisitor from './20261207T140100Z-trust-click-once-per-visitor.js'
import * as payoutOrders from './20261207T150000Z-payout-orders.js'
import * as dashboardDemoRemoval from './20261207T160000Z-dashboard-demo-removal.js'
import * as trustErasureWriteback from './20261207T160100Z-trust-erasure-writeback.js'
import * as trustImportContactsOnce from './20261207T170000Z-trust-import-contacts-once.js'
import * as payoutCatalog from './20261207T170100Z-payout-catalog.js'
import * as contestRankCounts from './20261207T170100Z-contest-rank-counts.js'
import * as perfCardAnswerNotifications from './20261207T170100Z-perf-card-answer-notifications.js'
import * as analyticsShareEvents from './20261207T170200Z-analytics-share-events.js'
import * as composeUnlistedCurrencies from './20261207T170200Z-compose-unlisted-currencies.js'
import * as peopleRewardDelivery from './20261207T190000Z-people-reward-delivery.js'
import * as peopleWorkspaceTimeZone from './20261207T190100Z-people-workspace-time-zone.js'

// Explicit and ordered: a migration runs because it is listed here, never because a file exists.
export const migrations: Record<string, Migration> = {
  '20261123T000000Z-create-ledger': createLedger,
  '20261123T000100Z-global-referral-codes': globalReferralCodes,
  '20261123T010000Z-intercom-rate-limits': intercomRateLimits,
  '20261123T020000Z-intercom-connection': intercomConnection,
  '20261123T030000Z-webhook-notifications': webhookNotifications,
  '20261123T040000Z-rewards-and-fraud': rewardsAndFraud,
  '20261123T050000Z-sync-runs': syncRuns,
  '20261125T100000Z-reward-reversal': rewardReversal,
  '20261125T130000Z-campaign-versions-and-setup': campaignVersionsAndSetup,
  '20261125T140000Z-intercom-outbox': intercomOutbox,
  '20261125T150000Z-referrer-view-notifications': referrerViewNotifications,
  '20261125T150100Z-webhook-queue': webhookQueue,
  '20261125T160000Z-stripe-billing': stripeBilling,
  '20261125T170000Z-privacy': privacy,
  '20261207T120000Z-fin-connectors': finConnectors,
  '20261207T130000Z-contests-and-experiments': contestsAndExperiments,
  '20261207T140000Z-trust-session-ends': trustSessionEnds,
  '20261207T140100Z-trust-click-once-per-visitor': trustClickOncePerVisitor,
  '20261207T150000Z-payout-orders': payoutOrders,
  '20261207T160000Z-dashboard-demo-removal': dashboardDemoRemoval,
  '20261207T160100Z-trust-erasure-writeback': trustErasureWriteback,
  '20261207T170000Z-trust-import-contacts-once': trustImportContactsOnce,
  '20261207T170100Z-payout-catalog': payoutCatalog,
  '20261207T170100Z-contest-rank-counts': contestRankCounts,
  '20261207T170100Z-perf-card-answer-notifications': perfCardAnswerNotifications,
  '20261207T170200Z-analytics-share-events': analyticsShareEvents,
  '20261207T170200Z-compose-unlisted-currencies': composeUnlistedCurrencies,
  '20261207T190000Z-people-reward-delivery': peopleRewardDelivery,
  '20261207T190100Z-people-workspace-time-zone': peopleWorkspaceTimeZone,
}
