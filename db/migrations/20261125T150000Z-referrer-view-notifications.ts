import { sql, type Kysely } from 'kysely'

// Every instance keeps recently viewed referrer cards in memory (src/ledger/referrer-view-cache.ts)
// and drops one when a row it was read from changes, whoever changed it: these statement-level
// triggers NOTIFY `referrer_views` from the changing transaction (delivered at commit, to every
// listening instance). Code written later needs to know nothing about the cache.
//
// A payload is `*` (a table was truncated: every card) or up to 100 space-separated tags: a participant id (the card's own participant or the
// one who referred them) or `w:<workspace>` (a campaign changed: every card of the workspace). A
// statement touching more than 100 cards (a bulk import, an erasure) sends its workspaces instead,
// so a bulk statement costs one query and one notification, never one per row.
// Inserting a participant or a referrer cannot change a card already read (it did not exist), so
// those inserts are not watched.
const CHANNEL = 'referrer_views'
const MAX_TAGS = 100

const watched: Array<{
  table: string
  tags: string
  events: Array<'insert' | 'update' | 'delete'>
}> = [
  {
    table: 'campaigns',
    tags: `select workspace_id, 'w:' || workspace_id as tag from changed`,
    events: ['insert', 'update', 'delete'],
  },
  {
    table: 'participants',
    tags: `select workspace_id, id::text as tag from changed`,
    events: ['update', 'delete'],
  },
  {
    table: 'referrers',
    tags: `select workspace_id, participant_id::text as tag from changed`,
    events: ['update', 'delete'],
  },
  {
    table: 'referral_codes',
    tags: `select c.workspace_id, r.participant_id::text as tag
               from changed c join referrers r on r.id = c.referrer_id`,
    events: ['insert', 'update', 'delete'],
  },
  {
    table: 'referrals',
    tags: `select workspace_id, friend_participant_id::text as tag from changed
             union all select workspace_id, referrer_participant_id::text from changed`,
    events: ['insert', 'update', 'delete'],
  },
  {
    table: 'rewards',
    tags: `select workspace_id, participant_id::text as tag from changed`,
    events: ['insert', 'update', 'delete'],
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `create function referrer_views_changed() returns trigger language plpgsql as $$
declare
  source text := case tg_op
    when 'INSERT' then 'select * from new_rows'
    when 'DELETE' then 'select * from old_rows'
    else 'select * from new_rows union all select * from old_rows' end;
  tags text[];
  workspaces text[];
begin
  execute format('with changed as (%s) select array_agg(distinct tag), array_agg(distinct workspace_id) from (%s) t where tag is not null',
                 source, tg_argv[0])
    into tags, workspaces;
  if tags is null then return null; end if;
  if cardinality(tags) > ${MAX_TAGS} then
    select array_agg('w:' || w) into tags from unnest(workspaces) w;
  end if;
  for i in 0 .. (cardinality(tags) - 1) / ${MAX_TAGS} loop
    perform pg_notify('${CHANNEL}', array_to_string(tags[i * ${MAX_TAGS} + 1 : (i + 1) * ${MAX_TAGS}], ' '));
  end loop;
  return null;
end $$`,
    )
    .execute(db)
  // TRUNCATE names no rows: every card goes.
  await sql
    .raw(
      `create function referrer_views_truncated() returns trigger language plpgsql as $$
begin
  perform pg_notify('${CHANNEL}', '*');
  return null;
end $$`,
    )
    .execute(db)
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
  await sql.raw('drop function if exists referrer_views_changed()').execute(db)
  await sql.raw('drop function if exists referrer_views_truncated()').execute(db)
}
