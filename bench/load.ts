import { createHmac, randomUUID } from 'node:crypto'
import autocannon, { type RequestSpec, type Result } from 'autocannon'

export interface LoadFigures {
  readonly requestsPerSecond: number
  readonly p50Ms: number
  readonly p99Ms: number
  readonly errors: number
  readonly non2xx: number
  readonly total: number
}

function figures(result: Result): LoadFigures {
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result['2xx'] + result.non2xx,
  }
}

export function signCanvas(raw: string, secret: string): string {
  return createHmac('sha256', secret).update(raw).digest('hex')
}

export function signWebhook(raw: string, secret: string): string {
  return `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`
}

/** Drives `path` with a fresh signed JSON body per request, at `connections`, for `seconds`. */
export async function drive(options: {
  url: string
  path: string
  connections: number
  seconds: number
  body: () => unknown
  sign: (raw: string) => Record<string, string>
  /** Requests/s offered in all (latency then counts from when each request was due); none: as fast as answered. */
  rate?: number
  /** Stop after this many requests instead of after `seconds`. */
  amount?: number
}): Promise<LoadFigures> {
  const request: RequestSpec = {
    method: 'POST',
    path: options.path,
    setupRequest: (req) => {
      const raw = JSON.stringify(options.body())
      return {
        ...req,
        body: raw,
        headers: { 'content-type': 'application/json', ...options.sign(raw) },
      }
    },
  }
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.seconds }),
    requests: [request],
    timeout: 10,
    ...(options.rate ? { overallRate: Math.max(1, Math.round(options.rate)) } : {}),
  })
  return figures(result)
}

export function randomInt(max: number): number {
  return 1 + Math.floor(Math.random() * max)
}

export function liveCanvasBody(workspaceId: string, contactNumber: number, publicUrl: string) {
  return {
    workspace_id: workspaceId,
    workspace_region: 'US',
    canvas: { content_url: `${publicUrl}/canvas/messenger/live`, stored_data: {} },
    context: { location: 'home', locale: 'en' },
    contact: {
      type: 'contact',
      id: `bench_r_${contactNumber}`,
      role: 'user',
      email: `ref${contactNumber}@bench.test`,
      name: `Ref ${contactNumber}`,
    },
  }
}

/** An agent opening a conversation with a known referrer: the panel lists their latest referrals. */
export function inboxInitializeBody(workspaceId: string, referrerNumber: number) {
  return {
    workspace_id: workspaceId,
    workspace_region: 'US',
    admin: { type: 'admin', id: '1', name: 'Bench Admin', email: 'admin@bench.test' },
    conversation: { type: 'conversation', id: String(referrerNumber) },
    contact: {
      type: 'contact',
      id: `bench_r_${referrerNumber}`,
      role: 'user',
      email: `ref${referrerNumber}@bench.test`,
      name: `Ref ${referrerNumber}`,
    },
    context: { locale: 'en' },
  }
}

/** Intercom's notification of a contact change, as Intercom sends it (https://developers.intercom.com/docs/references/webhooks/webhook-models). */
export function contactNotification(input: {
  workspaceId: string
  id: string
  topic: string
  contact: { id: string; [field: string]: unknown }
}) {
  const now = Math.floor(Date.now() / 1000)
  return {
    type: 'notification_event',
    id: input.id,
    app_id: input.workspaceId,
    topic: input.topic,
    created_at: now,
    delivery_attempts: 1,
    first_sent_at: now,
    data: { type: 'notification_event_data', item: { type: 'contact', ...input.contact } },
  }
}

export function webhookBody(workspaceId: string, friendNumber: number) {
  return contactNotification({
    workspaceId,
    id: `notif_${randomUUID()}`,
    topic: 'contact.user.updated',
    contact: {
      id: `bench_f_${friendNumber}`,
      role: 'user',
      email: `friend${friendNumber}@bench.test`,
      name: `Friend ${friendNumber}`,
      updated_at: Math.floor(Date.now() / 1000),
      custom_attributes: {},
    },
  })
}
