import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeRequest {
  readonly method: string
  readonly path: string
  readonly headers: IncomingMessage['headers']
  readonly body: string
}

export type Reply = { status: number; body?: unknown; headers?: Record<string, string> }

/** What every fake shares: a count of calls, and 429s on demand with the headers real APIs send. */
export interface FakeBase {
  readonly url: string
  readonly requests: FakeRequest[]
  /** The next n calls answer 429 with Retry-After. */
  rateLimitNext(n: number): void
  close(): Promise<void>
}

export async function startJsonServer(
  basePath: string,
  handle: (req: FakeRequest) => Reply | Promise<Reply>,
): Promise<FakeBase> {
  const requests: FakeRequest[] = []
  let limited = 0
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake')
      const request: FakeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname.startsWith(basePath)
          ? url.pathname.slice(basePath.length)
          : url.pathname,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(request)
      const answer = (reply: Reply) => {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        res.end(reply.body === undefined ? '' : JSON.stringify(reply.body))
      }
      if (limited > 0) {
        limited--
        answer({
          status: 429,
          headers: { 'retry-after': '1', 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0' },
          body: { errors: { message: 'Too many requests' } },
        })
        return
      }
      Promise.resolve(handle(request)).then(answer, (error: unknown) =>
        answer({ status: 500, body: { message: String(error) } }),
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    requests,
    rateLimitNext(n) {
      limited = n
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export function json(body: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(body)
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
/** Addresses at this domain are refused as recipients, as a real provider refuses a bad one. */
export const INVALID_DOMAIN = '@invalid.test'
