/** A FIFO lock: one holder at a time, waiters served in arrival order. */
export class SerialLock {
  #held = false
  readonly #waiters: Array<() => void> = []

  async acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true
      return
    }
    await new Promise<void>((resolve) => this.#waiters.push(resolve))
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
