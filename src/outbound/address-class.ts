import { BlockList, isIP } from 'node:net'

export type AddressClass =
  'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'unspecified' | 'reserved'

// Cloud metadata services (AWS, GCP, Azure, OCI: 169.254.169.254; ECS: 169.254.170.2; Alibaba:
// 100.100.100.200; AWS over IPv6: fd00:ec2::254). Refused even for an allow-listed host.
const METADATA = new Set(['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254'])

function list(entries: [string, number, 'ipv4' | 'ipv6'][]): BlockList {
  const blocks = new BlockList()
  for (const [network, prefix, family] of entries) blocks.addSubnet(network, prefix, family)
  return blocks
}

const LOOPBACK = list([
  ['127.0.0.0', 8, 'ipv4'],
  ['::1', 128, 'ipv6'],
])
const UNSPECIFIED = list([
  ['0.0.0.0', 8, 'ipv4'],
  ['::', 128, 'ipv6'],
])
const LINK_LOCAL = list([
  ['169.254.0.0', 16, 'ipv4'],
  ['fe80::', 10, 'ipv6'],
])
const PRIVATE = list([
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'], // carrier-grade NAT
  ['fc00::', 7, 'ipv6'], // unique local
])
const RESERVED = list([
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'], // multicast
  ['240.0.0.0', 4, 'ipv4'], // reserved and broadcast
  ['ff00::', 8, 'ipv6'], // multicast
  ['2001:db8::', 32, 'ipv6'], // documentation
  ['100::', 64, 'ipv6'], // discard
])

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase()
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower)
  if (dotted) return dotted[1]!
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower)
  if (!hex) return null
  const high = parseInt(hex[1]!, 16)
  const low = parseInt(hex[2]!, 16)
  return [high >> 8, high & 255, low >> 8, low & 255].join('.')
}

/** What kind of network an IP address is on; anything but `public` is refused as a destination. */
export function classifyAddress(raw: string): AddressClass {
  const address = raw.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  const family = isIP(address)
  if (family === 0) return 'reserved'
  if (family === 6) {
    const inner = embeddedIpv4(address)
    if (inner) return classifyAddress(inner)
  }
  const type = family === 4 ? 'ipv4' : 'ipv6'
  if (METADATA.has(address.toLowerCase())) return 'metadata'
  if (LOOPBACK.check(address, type)) return 'loopback'
  if (UNSPECIFIED.check(address, type)) return 'unspecified'
  if (LINK_LOCAL.check(address, type)) return 'link-local'
  if (PRIVATE.check(address, type)) return 'private'
  if (RESERVED.check(address, type)) return 'reserved'
  return 'public'
}
