import { describe, expect, it } from 'vitest'
import { type CachedReferrerView, ReferrerViewCache } from '../../src/ledger/referrer-view-cache.js'
import type { ReferrerView } from '../../src/ledger/referrer-view.js'

function cardOf(participantId: string, name = 'Ada'): CachedReferrerView {
  const view = {
    campaign: { id: 'c1', workspaceId: 'w1', name: 'Refer', isDefault: true, status: 'active' },
    referrer: { id: `r-${participantId}`, code: 'ada-1234', referralCount: 1 },
    participant: { id: participantId, contactId: `contact-${participantId}`, name },
    rewards: { count: 0, points: 0, money: [] },
    referredBy: null,
  } as unknown as ReferrerView
  return { view, tags: [participantId, 'w:w1'], hasEmail: false, hasName: true }
}

function listeningCache(limits = { maxEntries: 100, maxBytes: 10 * 2 ** 20 }) {
  const cache = new ReferrerViewCache(limits)
  cache.resume()
  return cache
}

describe('the card cache', () => {
  it('serves nothing until it listens, and nothing once the connection dropped', () => {
    const cache = new ReferrerViewCache()
    cache.set('k1', cardOf('p1'), cache.begin())
    expect(cache.get('k1')).toBeUndefined()
    cache.resume()
    cache.set('k1', cardOf('p1'), cache.begin())
    expect(cache.get('k1')?.view.participant.id).toBe('p1')
    const token = cache.begin()
    cache.suspend()
    expect(cache.size).toBe(0)
    expect(cache.get('k1')).toBeUndefined()
    cache.set('k2', cardOf('p2'), token)
    expect(cache.size).toBe(0)
    // a read begun before the drop is not kept even once listening again
    cache.resume()
    cache.set('k2', cardOf('p2'), token)
    expect(cache.size).toBe(0)
  })

  it('drops the cards a notification names: by participant, or a whole workspace', () => {
    const cache = listeningCache()
    for (const p of ['p1', 'p2', 'p3']) cache.set(`k-${p}`, cardOf(p), cache.begin())
    cache.invalidate('p2 unrelated')
    expect(cache.get('k-p2')).toBeUndefined()
    expect(cache.get('k-p1')).toBeDefined()
    cache.invalidate('w:w1')
    expect(cache.size).toBe(0)
    // a truncated table: every card, and no read in flight is kept
    cache.set('k-p1', cardOf('p1'), cache.begin())
    const token = cache.begin()
    cache.invalidate('*')
    expect(cache.size).toBe(0)
    cache.set('k-p1', cardOf('p1'), token)
    expect(cache.size).toBe(0)
  })

  it('does not keep a card read before a change it did not see', () => {
    const cache = listeningCache()
    const token = cache.begin()
    cache.invalidate('p1') // committed while the read was in flight
    cache.set('k-p1', cardOf('p1'), token)
    expect(cache.get('k-p1')).toBeUndefined()
    // another card's change does not matter to this one
    const next = cache.begin()
    cache.invalidate('p9')
    cache.set('k-p1', cardOf('p1'), next)
    expect(cache.get('k-p1')).toBeDefined()
  })

  it('is bounded by entries, least recently used first', () => {
    const cache = listeningCache({ maxEntries: 3, maxBytes: 10 * 2 ** 20 })
    for (const p of ['p1', 'p2', 'p3']) cache.set(`k-${p}`, cardOf(p), cache.begin())
    cache.get('k-p1')
    cache.set('k-p4', cardOf('p4'), cache.begin())
    expect(cache.size).toBe(3)
    expect(cache.get('k-p2')).toBeUndefined()
    expect(cache.get('k-p1')).toBeDefined()
    // an evicted card's tags no longer point at it
    cache.invalidate('p2')
    expect(cache.size).toBe(3)
  })

  it('is bounded by bytes', () => {
    const one = listeningCache()
    const id = (i: number) => String(i).padStart(2, '0')
    one.set('k00', cardOf('p00', 'x'.repeat(1000)), one.begin())
    const perCard = one.bytes
    expect(perCard).toBeGreaterThan(2000)
    const cache = listeningCache({ maxEntries: 1000, maxBytes: perCard * 5 + 10 })
    for (let i = 0; i < 20; i++)
      cache.set(`k${id(i)}`, cardOf(`p${id(i)}`, 'x'.repeat(1000)), cache.begin())
    expect(cache.size).toBe(5)
    expect(cache.bytes).toBeLessThanOrEqual(perCard * 5 + 10)
    expect(cache.get('k19')).toBeDefined()
    expect(cache.get('k14')).toBeUndefined()
  })

  it('keeps an answer only with the card it was made from, counts its bytes, and drops it with the card', () => {
    const cache = listeningCache()
    const card = cardOf('p1')
    cache.set('k1', card, cache.begin())
    const before = cache.bytes
    const bytes = Buffer.from('{"content":{}}')
    // Made from another read of the same contact (a change came between): not kept.
    cache.keepAnswer('k1', cardOf('p1').view, 'live\u0000en', bytes, cache.begin(), [])
    expect(cache.answer('k1', 'live\u0000en', {})).toBeUndefined()
    cache.keepAnswer('k1', card.view, 'live\u0000en', bytes, cache.begin(), [])
    expect(cache.bytes).toBeGreaterThan(before + bytes.length)
    const hits = cache.hits
    expect(cache.answer('k1', 'live\u0000en', {})).toBe(bytes)
    expect(cache.hits).toBe(hits + 1)
    // Another variant, or a viewer bringing an email the stored card lacks: no answer, no hit.
    expect(cache.answer('k1', 'live\u0000fr', {})).toBeUndefined()
    expect(cache.answer('k1', 'live\u0000en', { email: 'ada@example.com' })).toBeUndefined()
    expect(cache.hits).toBe(hits + 1)
    expect(cache.misses).toBe(0)
    cache.invalidate('p1')
    expect(cache.answer('k1', 'live\u0000en', {})).toBeUndefined()
    expect(cache.bytes).toBe(0)
  })

  it('uses an answer only while nothing it shows beside the card changed since its token', () => {
    const cache = listeningCache()
    const card = cardOf('p1')
    cache.set('k1', card, cache.begin())
    const bytes = Buffer.from('{"content":{}}')
    const tags = ['k:c1', 'e:c1']
    // Read before a change to the campaign's contests, kept after it: refused.
    const early = cache.begin()
    cache.invalidate('k:c1')
    cache.keepAnswer('k1', card.view, 'live\u0000en', bytes, early, tags)
    expect(cache.answer('k1', 'live\u0000en', {})).toBeUndefined()
    // Kept, then the experiment changes: the card stays, the answer goes (and its bytes).
    const withCard = cache.bytes
    cache.keepAnswer('k1', card.view, 'live\u0000en', bytes, cache.begin(), tags)
    expect(cache.answer('k1', 'live\u0000en', {})).toBe(bytes)
    cache.invalidate('e:c1')
    expect(cache.answer('k1', 'live\u0000en', {})).toBeUndefined()
    expect(cache.get('k1')).toBeDefined()
    expect(cache.bytes).toBe(withCard)
    // Kept again (the stale one replaced), then a change known by the clock alone.
    cache.keepAnswer('k1', card.view, 'live\u0000en', bytes, cache.begin(), tags)
    expect(cache.answer('k1', 'live\u0000en', {})).toBe(bytes)
    const heard = cache.heard
    cache.expire('k:c1')
    expect(cache.heard).toBe(heard)
    expect(cache.answer('k1', 'live\u0000en', {})).toBeUndefined()
    // Another campaign's change leaves it alone; an unheard stretch (suspend) drops everything.
    cache.keepAnswer('k1', card.view, 'live\u0000en', bytes, cache.begin(), tags)
    cache.invalidate('k:c2')
    expect(cache.answer('k1', 'live\u0000en', {})).toBe(bytes)
    const token = cache.begin()
    expect(cache.changedSince('k:c1', token)).toBe(false)
    cache.suspend()
    cache.resume()
    expect(cache.changedSince('k:c1', token)).toBe(true)
  })
})
