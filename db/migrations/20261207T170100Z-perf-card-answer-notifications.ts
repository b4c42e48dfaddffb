import { sql, type Kysely } from 'kysely'

// A cached card's answer (src/ledger/referrer-view-cache.ts) shows more than the rows the card is
// read from: the latest payout and the PayPal address (the referrer's own rows), a running
// contest's standing, and an experiment's variant. These triggers notify `referrer_views` for
// them too, with the function of 20261125T150000Z-referrer-view-notifications, so every instance
// drops what they change as soon as it commits, whoever changed it:
// - payouts sent or delivered (those the card shows) and payout addresses: the participant's tag;
// - contests and their standings: `k:<campaign>` (every answer of the campaign: one referrer's
//   move can change other referrers' places);
// - experiments and their assignments: `e:<campaign>`.
// `k:` and `e:` drop the answers kept with cards, not the cards (their rows did not change).
const watched: Array<{
  table: string
  tags: string
  events: Array<'insert' | 'update' | 'delete'>
}> = [
  {
    table: 'payouts',
    tags: `select workspace_id, participant_id::text as tag from changed
             where status in ('sent', 'delivered')`,
    events: ['insert', 'update', 'delete'],
  },
  {
    table: 'payout_addresses',
    tags: `select workspace_id, participant_id::text as tag from changed`,
    events: ['insert', 'update', 'delete'],
  },
  {
    table: 'contests',
    tags: `select workspace_id, 'k:' || campaign_id as tag from changed`,
    events: ['insert', 'update', 'delete'],
  },
  {
    table: 'contest_standings',
    tags: `select c.workspace_id, 'k:' || k.campaign_id as tag
               from changed c join contests k on k.id = c.contest_id`,
    events: ['insert', 'update', 'delete'],
  },
  {
    table: 'experiments',
    tags: `select workspace_id, 'e:' || campaign_id as tag from changed`,
    events: ['insert', 'update', 'delete'],
  },
  {
    table: 'experiment_assignments',
    tags: `select c.workspace_id, 'e:' || x.campaign_id as tag
               from changed c join experiments x on x.id = c.experiment_id`,
    events: ['update', 'delete'],
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  for (const { table, tags, events } of watched) {
    await sql
      .raw(
        `create trigger ${table}_referrer_views_truncate after truncate on ${table}
           for each statement execute function referrer_views_truncated()`,
      )
      .execute(db)
    for (const event of events) {
      const transition =
        event === 'insert'
          ? 'new table as new_rows'
          : event === 'delete'
            ? 'old table as old_rows'
            : 'old table as old_rows new table as new_rows'
      await sql
        .raw(
          `create trigger ${table}_referrer_views_${event} after ${event} on ${table}
             referencing ${transition} for each statement
             execute function referrer_views_changed('${tags.replace(/'/g, "''")}')`,
        )
        .execute(db)
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const { table, events } of watched)
    for (const event of [...events, 'truncate'])
      await sql
        .raw(`drop trigger if exists ${table}_referrer_views_${event} on ${table}`)
        .execute(db)
}
