import { startFakeIntercom, type FakeIntercom } from '../test/fake-intercom/server.js'
import { ATTRIBUTE_TYPES, parseCampaignSettings } from '../src/ledger/campaign-settings.js'
import { wantedAttributes } from '../src/intercom/data-attributes.js'
import { freePort, SERVER_ENTRY, startChild, type Child } from './processes.js'
import { CALLS_PER_MINUTE } from './scenario-support.js'

export interface BudgetedIntercom {
  readonly fake: FakeIntercom
  /** The app's default contact attribute names (attribute key → Intercom name). */
  readonly attributeNames: Record<string, string>
}

/**
 * A fake Intercom at Intercom's default call budget, with the contact attributes the app writes
 * defined up front, as they are after the app's first start in a real workspace (the app creates
 * them in the background at start-up).
 */
export async function startBudgetedIntercom(workspaceId: string): Promise<BudgetedIntercom> {
  const fake = await startFakeIntercom({ workspaceId, rateLimitPerMinute: CALLS_PER_MINUTE })
  const names = parseCampaignSettings({}).attributes
  for (const [name, key] of wantedAttributes([names])) {
    fake.controls.defineAttribute(name, ATTRIBUTE_TYPES[key])
  }
  const attributeNames = Object.fromEntries(
    Object.entries(names).filter(([, v]) => v !== null),
  ) as Record<string, string>
  return { fake, attributeNames }
}

/**
 * An app process in private-app mode against the fake, on a free port that is also its PUBLIC_URL
 * (`env` names the database and anything else the scenario needs).
 */
export async function startPrivateApp(
  fake: FakeIntercom,
  env: Record<string, string>,
): Promise<Child> {
  const port = await freePort()
  return startChild(SERVER_ENTRY, {
    ...env,
    INTERCOM_ACCESS_TOKEN: fake.accessToken,
    INTERCOM_WORKSPACE_ID: fake.workspaceId,
    INTERCOM_API_BASE_URL: fake.url,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  })
}
