import ipaddr from 'ipaddr.js'

export type AddressClass =
  'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'unspecified' | 'reserved'

// Cloud metadata services (AWS, GCP, Azure, OCI: 169.254.169.254; ECS: 169.254.170.2; Alibaba:
// 100.100.100.200; AWS over IPv6: fd00:ec2::254). Refused even for an allow-listed host.
const METADATA = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254'])

// IANA's global unicast space for IPv6 (https://www.iana.org/assignments/ipv6-unicast-address-assignments).
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3')

// ipaddr.js names every special-purpose range (IANA's registries); anything it does not call
// `unicast` is refused. This is an allow-list: a range nobody thought of is refused, not allowed.
const BY_RANGE: Record<string, AddressClass> = {
  loopback: 'loopback',
  unspecified: 'unspecified',
  linkLocal: 'link-local',
  private: 'private',
  uniqueLocal: 'private',
  carrierGradeNat: 'private',
}

/**
 * What kind of network an IP address is on; only `public` (public unicast) is a destination.
 * An IPv4-mapped IPv6 address is judged by its IPv4 address; every other form that embeds one
 * (IPv4-compatible ::a.b.c.d, NAT64, 6to4, Teredo, SIIT) is refused outright.
 */
export function classifyAddress(raw: string): AddressClass {
  const text = raw.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  if (!ipaddr.isValid(text)) return 'reserved'
  const address = ipaddr.parse(text)
  if (METADATA.has(address.toNormalizedString()) || METADATA.has(address.toString()))
    return 'metadata'
  if (address.kind() === 'ipv6') {
    const v6 = address as ipaddr.IPv6
    if (v6.isIPv4MappedAddress()) return classifyAddress(v6.toIPv4Address().toString())
    const range = v6.range()
    if (range !== 'unicast') return BY_RANGE[range] ?? 'reserved'
    return v6.match(GLOBAL_UNICAST_V6) ? 'public' : 'reserved'
  }
  const range = address.range()
  return range === 'unicast' ? 'public' : (BY_RANGE[range] ?? 'reserved')
}
