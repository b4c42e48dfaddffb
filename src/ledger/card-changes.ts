/**
 * What a card's answer shows beside the card's own rows, named as the database's notifications
 * name it (db/migrations/20261207T170100Z-perf-card-answer-notifications.ts): a campaign's
 * contests and standings, and its experiments.
 */
export const contestsTag = (campaignId: string): string => `k:${campaignId}`
export const experimentsTag = (campaignId: string): string => `e:${campaignId}`

/** The tags an answer of a card of this campaign depends on, beside the card's own. */
export function answerTags(campaignId: string): readonly string[] {
  return [contestsTag(campaignId), experimentsTag(campaignId)]
}

/**
 * The changes this instance has heard (the card cache's notifications): what a memory of
 * campaign-wide facts (running contests, experiments) asks to know whether what it read is still
 * true. Tokens are taken before a read; a tag changed after the token makes the read stale.
 */
export interface CardChanges {
  /** Every change is heard now (LISTEN in effect): a memory may trust a read until told. */
  readonly listening: boolean
  /** A token to take before reading. */
  begin(): number
  /** Whether `tag` changed (or may have changed unheard) since `token` was taken. */
  changedSince(tag: string, token: number): boolean
  /** A change this instance knows of by itself (a contest starting or ending on the clock). */
  expire(tag: string): void
}
