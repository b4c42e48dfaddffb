import { describe, expect, test } from 'vitest'
import { progressOf } from '../../../src/sync/sync-run.js'

const startedAt = new Date('2026-11-23T10:00:00Z')
const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000)

describe('progressOf', () => {
  test.each([
    [
      'before the first page',
      { done: 0, total: null, status: 'running', finishedAt: null },
      at(0),
      { done: 0, total: null, percent: null, ratePerSecond: null, etaSeconds: null },
    ],
    [
      'half way at 100/s',
      { done: 1000, total: 2000, status: 'running', finishedAt: null },
      at(10),
      { done: 1000, total: 2000, percent: 50, ratePerSecond: 100, etaSeconds: 10 },
    ],
    [
      'more read than counted (contacts changed mid-scan)',
      { done: 2100, total: 2000, status: 'running', finishedAt: null },
      at(21),
      { done: 2100, total: 2000, percent: 100, ratePerSecond: 100, etaSeconds: 0 },
    ],
    [
      'finished: rate over the run, no ETA',
      { done: 300, total: 300, status: 'succeeded', finishedAt: at(3) },
      at(100),
      { done: 300, total: 300, percent: 100, ratePerSecond: 100, etaSeconds: null },
    ],
    [
      'empty import',
      { done: 0, total: 0, status: 'succeeded', finishedAt: at(1) },
      at(1),
      { done: 0, total: 0, percent: 100, ratePerSecond: 0, etaSeconds: null },
    ],
  ] as const)('%s', (_label, run, now, expected) => {
    expect(progressOf({ ...run, startedAt }, now)).toEqual(expected)
  })
})
