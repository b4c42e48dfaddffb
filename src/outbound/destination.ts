import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { type AddressClass, classifyAddress } from './address-class.js'

/** How a host name is resolved; tests pass their own to stand in for DNS. */
export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>

export const systemResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true })

export interface DestinationPolicy {
  /** Host names or IPs an operator allows although private (OUTBOUND_ALLOWED_PRIVATE_HOSTS). */
  readonly allowedPrivateHosts: readonly string[]
  readonly resolve?: Resolve
}

export class UnsafeDestinationError extends Error {
  override readonly name = 'UnsafeDestinationError'
}

/** A destination checked after DNS: the request must go to `address`, and nowhere else. */
export interface PinnedDestination {
  readonly url: URL
  readonly address: string
  readonly family: 4 | 6
}

const WHY: Record<Exclude<AddressClass, 'public'>, string> = {
  loopback: 'this server itself (loopback)',
  private: 'a private network address',
  'link-local': 'a link-local address',
  metadata: "a cloud provider's metadata service",
  unspecified: 'an unspecified address',
  reserved: 'a reserved address',
}

// Names that only ever mean this machine or an internal network.
const INTERNAL_NAMES = /(^|\.)(localhost|localdomain|internal|local|home\.arpa)$/

function hostOf(url: URL): string {
  // A trailing dot (`localhost.`) names the same host.
  return url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
    .toLowerCase()
}

function refuse(url: URL, why: string): never {
  throw new UnsafeDestinationError(
    `${url.protocol}//${url.host} points at ${why}; use a public https address the app may call.`,
  )
}

function checkAddress(url: URL, address: string, policy: DestinationPolicy): void {
  const kind = classifyAddress(address)
  if (kind === 'public') return
  const host = hostOf(url)
  const allowed =
    policy.allowedPrivateHosts.includes(host) || policy.allowedPrivateHosts.includes(address)
  if (allowed && kind !== 'metadata') return
  refuse(url, WHY[kind])
}

/**
 * Save time: the URL's shape and, when its host is a literal IP or an internal name, its address.
 * A name is also resolved; one that resolves to a refused address is refused, one that does not
 * resolve now is accepted (send time checks again).
 */
export async function checkDestination(raw: string, policy: DestinationPolicy): Promise<void> {
  const url = new URL(raw)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse(url, 'an unsupported scheme')
  if (url.username || url.password) refuse(url, 'credentials inside the URL')
  const host = hostOf(url)
  if (isIP(host)) return checkAddress(url, host, policy)
  if (INTERNAL_NAMES.test(host) && !policy.allowedPrivateHosts.includes(host))
    refuse(url, 'an internal host name')
  let addresses: { address: string }[]
  try {
    addresses = await (policy.resolve ?? systemResolve)(host)
  } catch {
    return
  }
  for (const { address } of addresses) checkAddress(url, address, policy)
}

/**
 * Send time: resolves the host, refuses if ANY address is refused (a name with one public and one
 * private record must not win a race), and returns the address the request is pinned to, so a
 * second DNS answer (rebinding) cannot move it.
 */
export async function pinDestination(
  raw: string,
  policy: DestinationPolicy,
): Promise<PinnedDestination> {
  const url = new URL(raw)
  await checkDestination(raw, { ...policy, resolve: async () => [] })
  const host = hostOf(url)
  if (isIP(host)) return { url, address: host, family: isIP(host) as 4 | 6 }
  let addresses: { address: string; family: number }[]
  try {
    addresses = await (policy.resolve ?? systemResolve)(host)
  } catch (error) {
    throw new UnsafeDestinationError(
      `${url.host} could not be resolved: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
  if (addresses.length === 0) throw new UnsafeDestinationError(`${url.host} has no address`)
  for (const { address } of addresses) checkAddress(url, address, policy)
  const first = addresses[0]!
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 }
}
