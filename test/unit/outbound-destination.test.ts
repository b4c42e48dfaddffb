import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyAddress } from '../../src/outbound/address-class.js'
import {
  checkDestination,
  pinDestination,
  type Resolve,
  UnsafeDestinationError,
} from '../../src/outbound/destination.js'
import {
  deliverFulfilmentWebhook,
  WebhookDeliveryError,
} from '../../src/rewards/fulfilment-webhook.js'

// A stand-in for DNS: names the test controls, answering what an attacker's zone would.
const zone: Record<string, string[]> = {
  'hooks.partner.example': ['93.184.216.34'],
  'sneaky.attacker.example': ['10.1.2.3'],
  'split.attacker.example': ['93.184.216.34', '192.168.1.10'],
  'metadata.attacker.example': ['169.254.169.254'],
  'v6.attacker.example': ['::1'],
  'fulfil.corp.example': ['127.0.0.1'],
}
const resolve: Resolve = async (host) => {
  const addresses = zone[host]
  if (!addresses)
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
}
const policy = { allowedPrivateHosts: [] as string[], resolve }

describe('outbound destinations (SSRF)', () => {
  it.each([
    ['http://127.0.0.1/hook', 'loopback'],
    ['http://127.8.9.10:8080/hook', 'loopback'],
    ['http://[::1]/hook', 'loopback'],
    ['http://[::ffff:127.0.0.1]/hook', 'loopback'],
    ['http://10.0.0.5/hook', 'private network'],
    ['http://10.255.255.255/hook', 'private network'],
    ['http://172.16.0.1/hook', 'private network'],
    ['http://192.168.1.1/hook', 'private network'],
    ['http://[fd12:3456::1]/hook', 'private network'],
    ['http://169.254.169.254/latest/meta-data/', 'metadata'],
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data/', 'metadata'],
    ['http://169.254.10.20/hook', 'link-local'],
    ['http://[fe80::1]/hook', 'link-local'],
    ['http://0.0.0.0/hook', 'unspecified'],
    ['http://2130706433/hook', 'loopback'], // 127.0.0.1 as one decimal number
    ['http://0x7f.1/hook', 'loopback'],
    ['http://localhost:3000/hook', 'internal host name'],
    ['http://api.localhost/hook', 'internal host name'],
    ['http://metadata.google.internal/computeMetadata/v1/', 'internal host name'],
    ['https://sneaky.attacker.example/hook', 'private network'],
    ['https://split.attacker.example/hook', 'private network'],
    ['https://metadata.attacker.example/hook', 'metadata'],
    ['https://v6.attacker.example/hook', 'loopback'],
    ['https://user:secret@hooks.partner.example/hook', 'credentials'],
  ])('refuses %s at save time (%s)', async (url, why) => {
    const error = await checkDestination(url, policy).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UnsafeDestinationError)
    expect((error as Error).message).toContain(why)
  })

  it('accepts a public address, and a name that does not resolve yet (send time decides)', async () => {
    await expect(
      checkDestination('https://hooks.partner.example/x', policy),
    ).resolves.toBeUndefined()
    await expect(checkDestination('https://93.184.216.34/x', policy)).resolves.toBeUndefined()
    await expect(checkDestination('https://not-yet.example/x', policy)).resolves.toBeUndefined()
  })

  it('lets an operator allow a private host, but never a metadata address', async () => {
    const allowed = { ...policy, allowedPrivateHosts: ['fulfil.corp.example', '169.254.169.254'] }
    await expect(checkDestination('http://fulfil.corp.example/x', allowed)).resolves.toBeUndefined()
    await expect(checkDestination('http://169.254.169.254/x', allowed)).rejects.toThrow(/metadata/)
  })

  it('pins the address checked at send time, and refuses a name that turned private', async () => {
    expect(await pinDestination('https://hooks.partner.example/x', policy)).toMatchObject({
      address: '93.184.216.34',
      family: 4,
    })
    await expect(pinDestination('https://sneaky.attacker.example/x', policy)).rejects.toThrow(
      /private network/,
    )
    await expect(pinDestination('https://not-yet.example/x', policy)).rejects.toThrow(
      /could not be resolved/,
    )
  })

  it('classifies the special ranges', () => {
    expect(classifyAddress('8.8.8.8')).toBe('public')
    expect(classifyAddress('2606:4700::1111')).toBe('public')
    expect(classifyAddress('100.64.0.1')).toBe('private')
    expect(classifyAddress('100.100.100.200')).toBe('metadata')
    expect(classifyAddress('fd00:ec2::254')).toBe('metadata')
    expect(classifyAddress('224.0.0.1')).toBe('reserved')
  })
})

describe('fulfilment webhook delivery', () => {
  let receiver: Server
  let port: number
  const received: { host: string | undefined; body: string }[] = []
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        received.push({ host: req.headers.host, body })
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((ready) => receiver.listen(0, '127.0.0.1', ready))
    port = (receiver.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((done) => receiver.close(() => done())))

  it('refuses loopback and a name resolving to it, sending nothing', async () => {
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      `http://fulfil.corp.example:${port}/hook`,
    ]) {
      const error = await deliverFulfilmentWebhook({
        url,
        payload: { a: 1 },
        secret: 's',
        policy,
      }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(WebhookDeliveryError)
      expect((error as Error).message).toMatch(/refused: .*loopback/)
    }
    expect(received).toEqual([])
  })

  it('connects to the pinned address while the Host header keeps the name', async () => {
    const allowed = { ...policy, allowedPrivateHosts: ['fulfil.corp.example'] }
    const sent = await deliverFulfilmentWebhook({
      url: `http://fulfil.corp.example:${port}/hook`,
      payload: { reward: 'r1' },
      secret: 's',
      policy: allowed,
    })
    expect(sent.status).toBe(204)
    expect(received).toEqual([{ host: `fulfil.corp.example:${port}`, body: '{"reward":"r1"}' }])
  })
})
