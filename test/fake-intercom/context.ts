import type { FakeRateLimit } from './rate-limit.js'
import type { FakeState } from './state.js'
import type { FakeWebhookSender } from './webhooks.js'

/** What every route of the fake shares. */
export interface FakeContext {
  readonly state: FakeState
  readonly limit: FakeRateLimit
  readonly webhooks: FakeWebhookSender
  readonly clientId: string
  readonly clientSecret: string
  readonly nowMs: () => number
  readonly nowSeconds: () => number
}
