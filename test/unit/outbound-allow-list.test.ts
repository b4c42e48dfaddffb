import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { classifyAddress } from '../../src/outbound/address-class.js'
import { checkDestination, pinDestination, type Resolve } from '../../src/outbound/destination.js'

const noDns: Resolve = async () => []
const policy = { allowedPrivateHosts: [], resolve: noDns }

describe('outbound URLs by allow-list: public unicast only', () => {
  it.each([
    'https://[::127.0.0.1]/hook',
    'https://[::ffff:0:7f00:1]/hook',
    'https://[fec0::1]/hook',
    'https://[64:ff9b:1::a00:1]/hook',
    'https://[64:ff9b::a00:1]/hook',
    'https://[2002:7f00:1::1]/hook',
    'https://[2001::1]/hook',
    'https://[4000::1]/hook',
    'https://localhost./hook',
    'https://LOCALHOST../hook',
    'https://0.0.0.0/hook',
    'https://[::ffff:169.254.169.254]/hook',
  ])('refuses %s at save and at send', async (url) => {
    await expect(checkDestination(url, policy)).rejects.toThrow()
    await expect(
      pinDestination(url, {
        ...policy,
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
      }),
    ).rejects.toThrow()
  })

  it('accepts a public unicast address, pinned to it', async () => {
    await expect(
      checkDestination('https://[2606:4700::1111]/hook', policy),
    ).resolves.toBeUndefined()
    const pinned = await pinDestination('https://hooks.example/x', {
      ...policy,
      resolve: async () => [{ address: '93.184.216.34', family: 4 }],
    })
    expect(pinned.address).toBe('93.184.216.34')
  })

  it('property: any IPv6 address embedding a loopback or private IPv4 is never public', () => {
    const privateV4 = fc.constantFrom('127.0.0.1', '10.0.0.1', '192.168.1.1', '169.254.169.254')
    fc.assert(
      fc.property(
        privateV4,
        fc.constantFrom('::', '::ffff:', '::ffff:0:', '64:ff9b::', '64:ff9b:1::'),
        (v4, prefix) => {
          expect(classifyAddress(`${prefix}${v4}`)).not.toBe('public')
        },
      ),
      { seed: 20261207 },
    )
  })
})
