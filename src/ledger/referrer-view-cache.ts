import type { CardChanges } from './card-changes.js'
import type { ReferrerView } from './referrer-view-shape.js'
import { CampaignMemo } from './campaign-memo.js'

/** A card read from the database, with what it was read from (see the tags of the NOTIFY triggers). */
export interface CachedReferrerView {
  readonly view: ReferrerView
  /** Participant ids the card was read from, and `w:<workspace>`. */
  readonly tags: readonly string[]
  readonly hasEmail: boolean
  readonly hasName: boolean
}

/**
 * An answer serialized from a card: its bytes, the token taken before anything it shows was read,
 * and the tags of what it shows beside the card (see card-changes.ts): stale once one changed.
 */
interface KeptAnswer {
  readonly body: Buffer
  readonly token: number
  readonly tags: readonly string[]
}

interface Entry extends CachedReferrerView {
  bytes: number
  /** Answers serialized from this very view, by variant (see keepAnswer). */
  answers?: Map<string, KeptAnswer>
}

/** Variants of one card's answer kept at most (locales × card layouts seen for one contact). */
const ANSWERS_PER_ENTRY = 4
/** What a kept answer costs beside its bytes: the Buffer object, its Map slot, the variant key. */
const ANSWER_OVERHEAD_BYTES = 200

export interface ReferrerViewCacheOptions {
  readonly maxEntries: number
  readonly maxBytes: number
}

/** About 1.9 KB a card on the heap (measured; the estimate says 2.3): the bytes bound keeps ~11,000. */
export const DEFAULT_CACHE_LIMITS: ReferrerViewCacheOptions = {
  maxEntries: 20_000,
  maxBytes: 24 * 2 ** 20,
}

/** Tags remembered as "changed after read N began" before the memory is reset (see begin/set). */
const RECENT_TAGS_LIMIT = 20_000

/**
 * Recently viewed referrer cards of this instance: an LRU bounded by entries and by (estimated)
 * bytes. It is only a copy: an entry is dropped when the database says a row it was read from
 * changed (NOTIFY from triggers, any instance), and while that channel is down nothing is served
 * or kept, so a card is never staler than the notification delay.
 *
 * A read that races a change must not store what it read before the change: `begin` hands out a
 * sequence number before the read, and `set` refuses the entry if any of its tags was invalidated
 * since.
 */
export class ReferrerViewCache implements CardChanges {
  readonly #entries = new Map<string, Entry>()
  /** Tag → the keys of the cards read from it: one key as itself (most tags), several as a Set. */
  readonly #byTag = new Map<string, string | Set<string>>()
  readonly #invalidatedAt = new Map<string, number>()
  readonly #limits: ReferrerViewCacheOptions
  /** The campaigns its cards were read with, shared by those cards. */
  readonly campaigns = new CampaignMemo()
  #bytes = 0
  #seq = 0
  /** Reads that began before this cannot be stored (the memory of changed tags was reset). */
  #floor = 0
  #listening = false
  hits = 0
  misses = 0
  /** Notifications heard since start, and the last one (diagnostics; tests wait on them). */
  heard = 0
  lastHeard = ''
  /** Times the notification connection dropped (and the cache was emptied). */
  suspensions = 0

  constructor(limits: ReferrerViewCacheOptions = DEFAULT_CACHE_LIMITS) {
    this.#limits = limits
  }

  get listening(): boolean {
    return this.#listening
  }

  get size(): number {
    return this.#entries.size
  }

  get bytes(): number {
    return this.#bytes
  }

  static key(workspaceId: string, campaignId: string | null, contactId: string): string {
    return `${workspaceId}\u0000${campaignId ?? ''}\u0000${contactId}`
  }

  get(key: string): CachedReferrerView | undefined {
    if (!this.#listening) return undefined
    const entry = this.#entries.get(key)
    if (!entry) {
      this.misses++
      return undefined
    }
    this.hits++
    // Most recently used last: re-inserting moves it to the end of the Map's order.
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    return entry
  }

  /**
   * The answer serialized earlier for this card in this variant (a request's locale and layout),
   * counted as a hit; undefined (and not counted: the caller reads the card then) when there is
   * none, when something it shows beside the card changed since, or when `person` brings an email
   * or name the stored card lacks (the caller must enrol).
   */
  answer(
    key: string,
    variant: string,
    person: { readonly email?: string | null; readonly name?: string | null },
  ): Buffer | undefined {
    if (!this.#listening) return undefined
    const entry = this.#entries.get(key)
    const kept = entry?.answers?.get(variant)
    if (!entry || !kept) return undefined
    if (!this.#current(kept)) {
      this.#dropAnswer(entry, variant, kept)
      return undefined
    }
    if (person.email?.trim() && !entry.hasEmail) return undefined
    if (person.name?.trim() && !entry.hasName) return undefined
    this.hits++
    this.#entries.delete(key)
    this.#entries.set(key, entry)
    return kept.body
  }

  /**
   * Keeps an answer serialized from `view` with the card it was made from: only if that card is
   * still the one cached under `key` (a changed card is a new object, so nothing stale is kept)
   * and none of `tags` (what the answer shows beside the card) changed since `token` (taken before
   * any of it was read); dropped with the card, and unused once one of `tags` changes.
   */
  keepAnswer(
    key: string,
    view: ReferrerView,
    variant: string,
    body: Buffer,
    token: number,
    tags: readonly string[],
  ): void {
    const entry = this.#entries.get(key)
    if (!entry || entry.view !== view) return
    const kept: KeptAnswer = { body, token, tags }
    if (!this.#current(kept)) return
    entry.answers ??= new Map()
    const before = entry.answers.get(variant)
    if (before) {
      if (this.#current(before)) return
      this.#dropAnswer(entry, variant, before)
    }
    if (entry.answers.size >= ANSWERS_PER_ENTRY) return
    entry.answers.set(variant, kept)
    const added = answerBytes(variant, kept)
    entry.bytes += added
    this.#bytes += added
    this.#evict()
  }

  /** Whether `tag` changed, or may have changed unheard, since `token` was taken. */
  changedSince(tag: string, token: number): boolean {
    return token < this.#floor || (this.#invalidatedAt.get(tag) ?? -1) > token
  }

  /** A change known here without a notification (a contest's start or end on the clock). */
  expire(tag: string): void {
    this.#drop([tag], ++this.#seq)
  }

  #current(kept: KeptAnswer): boolean {
    for (const tag of kept.tags) if (this.changedSince(tag, kept.token)) return false
    return kept.token >= this.#floor
  }

  #dropAnswer(entry: Entry, variant: string, kept: KeptAnswer): void {
    entry.answers!.delete(variant)
    const freed = answerBytes(variant, kept)
    entry.bytes -= freed
    this.#bytes -= freed
  }

  /** A token to pass to `set` after the read; taken before the read starts. */
  begin(): number {
    return this.#seq
  }

  set(key: string, value: CachedReferrerView, token: number): void {
    if (!this.#listening || token < this.#floor) return
    for (const tag of value.tags) if ((this.#invalidatedAt.get(tag) ?? -1) > token) return
    this.#delete(key)
    const entry: Entry = { ...value, bytes: estimateBytes(key, value) }
    if (entry.bytes > this.#limits.maxBytes) return
    this.#entries.set(key, entry)
    this.#bytes += entry.bytes
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag)
      if (keys === undefined) this.#byTag.set(tag, key)
      else if (typeof keys === 'string') this.#byTag.set(tag, new Set([keys, key]))
      else keys.add(key)
    }
    this.#evict()
  }

  /** Drops the least recently used cards until both bounds hold. */
  #evict(): void {
    while (this.#entries.size > this.#limits.maxEntries || this.#bytes > this.#limits.maxBytes) {
      const oldest = this.#entries.keys().next().value
      if (oldest === undefined) break
      this.#delete(oldest)
    }
  }

  /** A NOTIFY payload: space-separated tags whose cards changed. */
  invalidate(payload: string): void {
    this.heard++
    this.lastHeard = payload
    const seq = ++this.#seq
    if (payload === '*') {
      this.#clear()
      this.#floor = seq
      return
    }
    this.#drop(payload.split(' '), seq)
  }

  #drop(tags: readonly string[], seq: number): void {
    for (const tag of tags) {
      if (!tag) continue
      this.#invalidatedAt.set(tag, seq)
      const keys = this.#byTag.get(tag)
      if (typeof keys === 'string') this.#delete(keys)
      else if (keys) for (const key of [...keys]) this.#delete(key)
    }
    if (this.#invalidatedAt.size > RECENT_TAGS_LIMIT) {
      this.#invalidatedAt.clear()
      this.#floor = seq
    }
  }

  /** LISTEN is in effect: from now on every change is heard, so entries may be kept again. */
  resume(): void {
    this.#floor = ++this.#seq
    this.#listening = true
  }

  /** The notification connection dropped: changes may go unheard, so nothing is served or kept. */
  suspend(): void {
    if (this.#listening) this.suspensions++
    this.#listening = false
    this.#floor = ++this.#seq
    this.#clear()
  }

  #clear(): void {
    this.#entries.clear()
    this.#byTag.clear()
    this.#invalidatedAt.clear()
    this.#bytes = 0
  }

  #delete(key: string): void {
    const entry = this.#entries.get(key)
    if (!entry) return
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
    for (const tag of entry.tags) {
      const keys = this.#byTag.get(tag)
      if (keys === key) this.#byTag.delete(tag)
      else if (typeof keys === 'object') {
        keys.delete(key)
        if (keys.size === 0) this.#byTag.delete(tag)
      }
    }
  }
}

/** What a kept answer costs: its bytes, the Buffer object and Map slot, the variant key. */
function answerBytes(variant: string, kept: KeptAnswer): number {
  return kept.body.length + ANSWER_OVERHEAD_BYTES + 2 * variant.length + 8 * kept.tags.length
}

/**
 * What an entry holds on the heap, roughly: its strings (UTF-16, with headers) and its objects'
 * slots. The campaign (and its parsed settings) is shared by every card of a campaign: not counted.
 */
function estimateBytes(key: string, value: CachedReferrerView): number {
  const { view } = value
  let strings = key.length
  for (const tag of value.tags) strings += tag.length + 40
  for (const part of [view.referrer, view.participant, view.referredBy]) {
    if (!part) continue
    for (const field of Object.values(part)) if (typeof field === 'string') strings += field.length
  }
  for (const money of view.rewards.money) strings += money.currency.length
  const objects = 12 + view.rewards.money.length
  return 2 * strings + objects * 96 + 400
}
