import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedDelivery {
  readonly headers: IncomingHttpHeaders
  readonly body: string
  /** The status the receiver answered it with. */
  readonly answered: number
}

export type RewardReceiver = Awaited<ReturnType<typeof startRewardReceiver>>

/**
 * The workspace's own reward system, where a campaign's fulfilment webhook delivers: answers 500
 * to the first `failures` deliveries, then 200, and keeps every delivery it was sent.
 */
export async function startRewardReceiver(failures: number) {
  const received: ReceivedDelivery[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const answered = received.length < failures ? 500 : 200
      received.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        answered,
      })
      res.writeHead(answered).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/rewards`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
