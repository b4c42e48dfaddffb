import { describe, expect, it, test } from 'vitest'
import { importQuery } from '../../../src/sync/import-query.js'

describe('importQuery', () => {
  const since = new Date('2026-11-01T00:00:00Z')
  const sinceSeconds = Math.floor(since.getTime() / 1000)

  test.each([
    [
      'all, full',
      { source: 'all', segmentId: null },
      null,
      { field: 'updated_at', operator: '>', value: 0 },
    ],
    [
      'users, full',
      { source: 'users', segmentId: null },
      null,
      { field: 'role', operator: '=', value: 'user' },
    ],
    [
      'leads, full',
      { source: 'leads', segmentId: null },
      null,
      { field: 'role', operator: '=', value: 'lead' },
    ],
    [
      'segment, full',
      { source: 'segment', segmentId: 'seg1' },
      null,
      { field: 'segment_id', operator: '=', value: 'seg1' },
    ],
    [
      'all, incremental',
      { source: 'all', segmentId: null },
      since,
      { field: 'updated_at', operator: '>', value: sinceSeconds },
    ],
    [
      'segment, incremental',
      { source: 'segment', segmentId: 'seg1' },
      since,
      {
        operator: 'AND',
        value: [
          { field: 'segment_id', operator: '=', value: 'seg1' },
          { field: 'updated_at', operator: '>', value: sinceSeconds },
        ],
      },
    ],
  ] as const)('%s', (_label, scope, from, expected) => {
    expect(importQuery(scope, from)).toEqual(expected)
  })

  it('refuses a segment import without a segment', () => {
    expect(() => importQuery({ source: 'segment', segmentId: null }, null)).toThrow(/segment/)
  })
})
