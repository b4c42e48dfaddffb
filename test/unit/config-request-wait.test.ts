import { describe, expect, it } from 'vitest'
import { REQUEST_WAIT_MS } from '../../db/session-admission.js'
import { ConfigError, loadConfig } from '../../src/config.js'

describe('PGLITE_REQUEST_WAIT_MS', () => {
  it('sheds a request kept waiting for the embedded session past 700 ms unless told otherwise', () => {
    expect(REQUEST_WAIT_MS).toBe(700)
    expect(loadConfig({}).requestWaitMs).toBe(700)
    expect(loadConfig({ PGLITE_REQUEST_WAIT_MS: '5000' }).requestWaitMs).toBe(5000)
  })

  it.each(['0', '50', '60000', 'soon'])('refuses %j', (value) => {
    expect(() => loadConfig({ PGLITE_REQUEST_WAIT_MS: value })).toThrow(ConfigError)
    expect(() => loadConfig({ PGLITE_REQUEST_WAIT_MS: value })).toThrow(/^PGLITE_REQUEST_WAIT_MS: /)
  })
})
