/**
 * A set of ids an instance remembers about facts that never become untrue (a workspace exists, a
 * workspace's card has been seen), so it can skip a database write or read. Emptied when full:
 * forgetting costs one more query, never a wrong answer.
 */
export class BoundedSet {
  readonly #ids = new Set<string>()

  constructor(readonly limit: number) {}

  has(id: string): boolean {
    return this.#ids.has(id)
  }

  add(id: string): void {
    if (this.#ids.size >= this.limit) this.#ids.clear()
    this.#ids.add(id)
  }

  delete(id: string): void {
    this.#ids.delete(id)
  }
}
