import { createHmac, randomUUID } from 'node:crypto'
import type { FakeState } from './state.js'
import type { FakeContact } from './types.js'

export type ContactTopic = 'created' | 'updated'

/**
 * Sends Intercom's notification for a contact change, signed as Intercom signs it:
 * X-Hub-Signature = sha1=hex(HMAC-SHA1(client secret, raw body)).
 */
export class FakeWebhookSender {
  private readonly pending = new Set<Promise<void>>()

  constructor(
    private readonly state: FakeState,
    private readonly target: { url: string; secret: string } | undefined,
    private readonly nowSeconds: () => number,
  ) {}

  notify(contact: FakeContact, change: ContactTopic): void {
    if (!this.target) return
    const topic = `contact.${contact.role}.${change}`
    const body = JSON.stringify({
      type: 'notification_event',
      id: `notif_${randomUUID()}`,
      app_id: this.state.workspace.id,
      topic,
      created_at: this.nowSeconds(),
      delivery_attempts: 1,
      first_sent_at: this.nowSeconds(),
      data: { type: 'notification_event_data', item: structuredClone(contact) },
    })
    const signature = createHmac('sha1', this.target.secret).update(body).digest('hex')
    const delivery = fetch(this.target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-hub-signature': `sha1=${signature}`,
        'user-agent': 'intercom-parrot-service-client/1.0',
      },
      body,
      signal: AbortSignal.timeout(5_000),
    })
      .then(async (response) => {
        await response.arrayBuffer()
        this.state.webhooks.push({
          topic,
          contactId: contact.id,
          status: response.status,
          error: null,
        })
      })
      .catch((error: unknown) => {
        this.state.webhooks.push({
          topic,
          contactId: contact.id,
          status: null,
          error: error instanceof Error ? error.message : String(error),
        })
      })
      .finally(() => this.pending.delete(delivery))
    this.pending.add(delivery)
  }

  /** Resolves once every notification sent so far has been answered (or failed). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending])
  }
}
