import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { variantIndex } from '../../src/experiments/assignment.js'
import { experimentInput } from '../../src/experiments/experiment-settings.js'
import {
  friendsPerArm,
  normalCdf,
  readout,
  twoProportionZ,
} from '../../src/experiments/significance.js'

describe('significance, against known tables', () => {
  // The standard normal table: Φ(z) to four places.
  it.each([
    [0, 0.5],
    [1, 0.8413],
    [1.645, 0.95],
    [1.96, 0.975],
    [2.326, 0.99],
    [2.576, 0.995],
    [-1.96, 0.025],
  ])('Φ(%s) = %s', (z, phi) => {
    expect(normalCdf(z)).toBeCloseTo(phi, 4)
  })

  it('the two-proportion z-test: 100/1,000 against 130/1,000 is z = 2.10, p = 0.036', () => {
    const test = twoProportionZ(
      { name: 'A', joined: 1000, converted: 100 },
      { name: 'B', joined: 1000, converted: 130 },
    )!
    expect(test.z).toBeCloseTo(2.1027, 3)
    expect(test.pValue).toBeCloseTo(0.0355, 3)
  })

  // Sample sizes per group for a two-sided 5 % test at 80 % power (no continuity correction),
  // as the standard tables give them.
  it.each([
    [0.1, 0.12, 3841],
    [0.1, 0.15, 686],
    [0.2, 0.3, 294],
    [0.05, 0.1, 435],
  ])('friends per arm to tell %s from %s: %s', (p1, p2, n) => {
    expect(friendsPerArm(p1, p2)).toBe(n)
  })

  it('says in plain words who converts better and how sure that is', () => {
    expect(
      readout(
        { name: 'A', joined: 1000, converted: 100 },
        { name: 'B', joined: 1000, converted: 130 },
      ).words,
    ).toBe('B converts 30 % better than A; 96 % confident.')
    expect(
      readout(
        { name: 'A', joined: 5000, converted: 500 },
        { name: 'B', joined: 5000, converted: 590 },
      ).words,
    ).toBe('B converts 18 % better than A; 99 % confident.')
    expect(
      readout(
        { name: 'A', joined: 5000, converted: 590 },
        { name: 'B', joined: 5000, converted: 500 },
      ).words,
    ).toBe('B converts 15 % worse than A; 99 % confident.')
  })

  it('asks for more friends until the difference is clear', () => {
    const early = readout(
      { name: 'A', joined: 100, converted: 10 },
      { name: 'B', joined: 100, converted: 12 },
    )
    // 3,841 per arm for 10 % against 12 %: 3,741 more in each.
    expect(early.words).toBe('Not enough data yet: about 7,482 more friends needed.')
    expect(
      readout({ name: 'A', joined: 0, converted: 0 }, { name: 'B', joined: 0, converted: 0 }).words,
    ).toMatch(/^Not enough data yet: about [\d,]+ more friends needed\.$/)
  })
})

describe('assignment', () => {
  it('is the same for the same workspace, experiment and referrer, in any process', () => {
    const inThisProcess = [0, 1, 2, 3, 4].map((i) => variantIndex('ws_1', 'exp_1', `ref_${i}`, 2))
    // Another process (as another instance, or this one after a restart) computes the same.
    const script = `import { variantIndex } from './src/experiments/assignment.ts'
console.log(JSON.stringify([0, 1, 2, 3, 4].map((i) => variantIndex('ws_1', 'exp_1', 'ref_' + i, 2))))`
    const other = execFileSync('node', ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    })
    expect(JSON.parse(other)).toEqual(inThisProcess)
    // Fixed forever: a change here would move every running experiment's referrers.
    expect(inThisProcess).toEqual([1, 0, 0, 1, 1])
    expect([0, 1, 2, 3, 4].map((i) => variantIndex('ws_1', 'exp_1', `ref_${i}`, 3))).toEqual([
      1, 0, 2, 0, 2,
    ])
  })

  it('splits referrers evenly and depends on the experiment', () => {
    const counts = [0, 0, 0]
    for (let i = 0; i < 9000; i++) counts[variantIndex('ws', 'exp', `referrer-${i}`, 3)]! += 1
    for (const count of counts) expect(Math.abs(count - 3000)).toBeLessThan(200)
    const moved = Array.from({ length: 200 }, (_, i) => i).filter(
      (i) => variantIndex('ws', 'exp-1', `r${i}`, 2) !== variantIndex('ws', 'exp-2', `r${i}`, 2),
    ).length
    expect(moved).toBeGreaterThan(60)
  })
})

describe('variants of the copy', () => {
  const input = (b: Record<string, unknown>) =>
    experimentInput.safeParse({
      name: 'Words',
      campaignId: '00000000-0000-4000-8000-000000000000',
      variants: [
        { key: 'A', name: 'Current' },
        { key: 'B', name: 'New', ...b },
      ],
    })

  it('a challenger may differ by its share message alone, in one language', () => {
    const parsed = input({ shareMessage: { es: '  Hola {link} ' } })
    expect(parsed.success && parsed.data.variants[1]?.shareMessage).toEqual({
      en: null,
      es: 'Hola {link}',
      fr: null,
      de: null,
      pt: null,
    })
  })

  it('a challenger that changes nothing, or a message too long, is refused in plain words', () => {
    const same = input({ shareMessage: { en: '   ' } })
    expect(same.success ? [] : same.error.issues.map((i) => i.message)).toEqual([
      'Give this variant a headline, a share message or an offer that differs from the campaign.',
    ])
    const long = input({ shareMessage: { fr: 'x'.repeat(281) } })
    expect(long.success ? [] : long.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual(
      [['variants.1.shareMessage.fr', 'Keep the message to 280 characters or fewer.']],
    )
  })
})
