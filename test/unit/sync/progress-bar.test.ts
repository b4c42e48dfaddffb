import { describe, expect, test } from 'vitest'
import { duration, progressBar } from '../../../src/cli/commands/sync-progress.js'
import type { SyncRun } from '../../../src/sync/sync-run.js'

function run(progress: SyncRun['progress']): SyncRun {
  return { progress } as SyncRun
}

describe('progressBar', () => {
  test.each([
    [
      { done: 0, total: null, percent: null, ratePerSecond: null, etaSeconds: null },
      '[----------]  0/?    ?%  —/s',
    ],
    [
      { done: 5000, total: 10000, percent: 50, ratePerSecond: 812.4, etaSeconds: 7 },
      '[#####-----]  5,000/10,000  50.0%  812/s  ETA 7s',
    ],
    [
      { done: 10, total: 10, percent: 100, ratePerSecond: 5, etaSeconds: null },
      '[##########]  10/10  100.0%  5/s',
    ],
  ])('%j', (progress, expected) => {
    expect(progressBar(run(progress), 10)).toBe(expected)
  })

  test.each([
    [59, '59s'],
    [61, '1m01s'],
    [3700, '1h01m'],
  ])('duration(%i) = %s', (seconds, expected) => {
    expect(duration(seconds)).toBe(expected)
  })
})
