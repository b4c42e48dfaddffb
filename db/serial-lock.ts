/** A FIFO lock: one holder at a time, waiters served in arrival order. */
export class SerialLock {
  #held = false
  readonly #waiters: Array<() => void> = []

  /** Resolves true once held; false if `timeoutMs` passed first (the waiter is then withdrawn). */
  async acquire(timeoutMs: number = Infinity): Promise<boolean> {
    if (!this.#held) {
      this.#held = true
      return true
    }
    if (timeoutMs <= 0) return false
    return new Promise<boolean>((resolve) => {
      let timer: NodeJS.Timeout | undefined
      const waiter = () => {
        if (timer) clearTimeout(timer)
        resolve(true)
      }
      this.#waiters.push(waiter)
      if (Number.isFinite(timeoutMs))
        timer = setTimeout(() => {
          const at = this.#waiters.indexOf(waiter)
          if (at >= 0) this.#waiters.splice(at, 1)
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
}
