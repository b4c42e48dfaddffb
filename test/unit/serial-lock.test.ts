import { describe, expect, it } from 'vitest'
import { SerialLock } from '../../db/serial-lock.js'

describe('the embedded session lock', () => {
  it('serves waiters in arrival order, one at a time', async () => {
    const lock = new SerialLock()
    const order: string[] = []
    expect(await lock.acquire()).toBe(true)
    const first = lock.acquire().then(() => order.push('first'))
    const second = lock.acquire().then(() => order.push('second'))
    expect(lock.queued).toBe(2)
    lock.release()
    await first
    lock.release()
    await second
    expect(order).toEqual(['first', 'second'])
    lock.release()
    expect(await lock.acquire(0)).toBe(true)
  })

  it('tells a request waiting with a time limit from background work, and withdraws it when time is up', async () => {
    const lock = new SerialLock()
    await lock.acquire()
    const background = lock.acquire()
    expect(lock.queuedWithLimit).toBe(0)
    const request = lock.acquire(20)
    expect(lock.queuedWithLimit).toBe(1)
    expect(await request).toBe(false)
    expect(lock.queuedWithLimit).toBe(0)
    expect(lock.queued).toBe(1)
    const served = lock.acquire(1_000)
    expect(lock.queuedWithLimit).toBe(1)
    lock.release()
    await background
    lock.release()
    expect(await served).toBe(true)
    expect(lock.queuedWithLimit).toBe(0)
  })
})
