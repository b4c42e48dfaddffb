/** A FIFO lock: one holder at a time, waiters served in arrival order. */
export class SerialLock {
  #held = false
  readonly #waiters: Array<() => void> = []
  /** Waiters with a time limit (a request's statement), as opposed to background work. */
  #waitingWithLimit = 0

  /** Resolves true once held; false if `timeoutMs` passed first (the waiter is then withdrawn). */
  async acquire(timeoutMs: number = Infinity): Promise<boolean> {
    if (!this.#held) {
      this.#held = true
      return true
    }
    if (timeoutMs <= 0) return false
    return new Promise<boolean>((resolve) => {
      let timer: NodeJS.Timeout | undefined
      const limited = Number.isFinite(timeoutMs)
      if (limited) this.#waitingWithLimit++
      const waiter = () => {
        if (timer) clearTimeout(timer)
        if (limited) this.#waitingWithLimit--
        resolve(true)
      }
      this.#waiters.push(waiter)
      if (limited)
        timer = setTimeout(() => {
          const at = this.#waiters.indexOf(waiter)
          if (at >= 0) this.#waiters.splice(at, 1)
          this.#waitingWithLimit--
          resolve(false)
        }, timeoutMs)
    })
  }

  release(): void {
    const next = this.#waiters.shift()
    if (next) next()
    else this.#held = false
  }

  get queued(): number {
    return this.#waiters.length
  }

  /** How many of the waiters have a time limit. */
  get queuedWithLimit(): number {
    return this.#waitingWithLimit
  }
}
