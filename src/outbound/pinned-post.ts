import { request as httpRequest, type RequestOptions } from 'node:http'
import { request as httpsRequest } from 'node:https'
import type { LookupFunction } from 'node:net'
import type { PinnedDestination } from './destination.js'

/**
 * POSTs to a checked destination over a connection to its pinned address: the name still goes in
 * the Host header and TLS (SNI, certificate check), but no second DNS lookup happens. Redirects
 * are not followed. Resolves with the status once the answer's body is drained.
 */
export function postPinned(
  destination: PinnedDestination,
  input: { body: string; headers: Record<string, string>; timeoutMs: number },
): Promise<{ status: number }> {
  const { url, address, family } = destination
  const lookup: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [{ address, family }])
    else callback(null, address, family)
  }
  const options: RequestOptions = {
    method: 'POST',
    headers: { ...input.headers, 'content-length': String(Buffer.byteLength(input.body)) },
    lookup,
    agent: false,
  }
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise((resolve, reject) => {
    const req = send(url, options, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }))
      res.on('error', reject)
    })
    req.setTimeout(input.timeoutMs, () =>
      req.destroy(new Error(`no answer in ${input.timeoutMs} ms`)),
    )
    req.on('error', reject)
    req.end(input.body)
  })
}
