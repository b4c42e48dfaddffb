import type { Db, Trx } from './db-types.js'

// A referrer is shown by the code they share, their primary one, and by who they are. Lists,
// exports, analytics, the card, the write-back and agents' notes all read referrers (or
// referrals) with that code joined; this module is the one place the join is written.

/** A workspace's referrers with their primary code joined (`referral_codes`). */
export function referrersAndPrimaryCode(db: Db | Trx, workspaceId: string) {
  return db
    .selectFrom('referrers')
    .innerJoin('referral_codes', (join) =>
      join
        .onRef('referral_codes.referrer_id', '=', 'referrers.id')
        .on('referral_codes.is_primary', '=', true),
    )
    .where('referrers.workspace_id', '=', workspaceId)
}

/** A workspace's referrers with their person (`participants`) and their primary code joined. */
export function referrersWithPrimaryCode(db: Db | Trx, workspaceId: string) {
  return referrersAndPrimaryCode(db, workspaceId).innerJoin(
    'participants',
    'participants.id',
    'referrers.participant_id',
  )
}

/** A workspace's referrals with their referrer's primary code joined (`referral_codes`). */
export function referralsAndReferrerCode(db: Db | Trx, workspaceId: string) {
  return db
    .selectFrom('referrals')
    .innerJoin('referral_codes', (join) =>
      join
        .onRef('referral_codes.referrer_id', '=', 'referrals.referrer_id')
        .on('referral_codes.is_primary', '=', true),
    )
    .where('referrals.workspace_id', '=', workspaceId)
}

/** A workspace's referrals with the friend, the referrer and the referrer's primary code joined. */
export function referralsWithPeople(db: Db | Trx, workspaceId: string) {
  return referralsAndReferrerCode(db, workspaceId)
    .innerJoin('participants as friend', 'friend.id', 'referrals.friend_participant_id')
    .innerJoin('participants as referrer', 'referrer.id', 'referrals.referrer_participant_id')
}
