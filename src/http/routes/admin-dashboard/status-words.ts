// What each status is called on a dashboard page, and how its badge looks. One table, read by the
// server-rendered pages and by the dashboard's script when it redraws a row.

export type Tone = 'good' | 'bad' | 'waiting' | 'neutral'

export const STATUS_WORDS: Record<string, { readonly words: string; readonly tone: Tone }> = {
  // referrals
  pending: { words: 'Pending', tone: 'waiting' },
  qualified: { words: 'Qualified', tone: 'good' },
  rejected: { words: 'Rejected', tone: 'bad' },
  // rewards
  approved: { words: 'Approved', tone: 'neutral' },
  fulfilled: { words: 'Given', tone: 'good' },
  declined: { words: 'Declined', tone: 'bad' },
  reversed: { words: 'Taken back', tone: 'bad' },
  // the review queue's tab of approved rewards whose delivery failed
  delivery_failed: { words: 'Delivery failed', tone: 'bad' },
  // sync runs
  running: { words: 'Running', tone: 'waiting' },
  succeeded: { words: 'Finished', tone: 'good' },
  failed: { words: 'Failed', tone: 'bad' },
  cancelled: { words: 'Cancelled', tone: 'neutral' },
}

export function statusWords(status: string): string {
  return STATUS_WORDS[status]?.words ?? status.charAt(0).toUpperCase() + status.slice(1)
}

export function statusTone(status: string): Tone {
  return STATUS_WORDS[status]?.tone ?? 'neutral'
}
