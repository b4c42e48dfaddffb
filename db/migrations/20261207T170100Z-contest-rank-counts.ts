import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // A referrer's place is 1 + the referrers ahead of them: those with a higher score, and those
  // level who reached the score first. Counting those rows one by one costs as many index entries
  // as the place is deep (100,000 on a big board). Two small tables of counts, kept by triggers on
  // contest_standings in the changing transaction, answer it from a few rows instead:
  //   - referrers per score: everyone ahead on score is a sum over the scores above;
  //   - referrers per score and hour (the hour they reached it, UTC): everyone level who got there
  //     in an earlier hour is a sum over the hours before; only those level in the same hour are
  //     counted one by one.
  await sql`
    create table contest_score_counts (
      contest_id uuid not null references contests(id) on delete cascade,
      score integer not null,
      referrers integer not null,
      primary key (contest_id, score)
    )`.execute(db)
  await sql`
    create table contest_score_hour_counts (
      contest_id uuid not null references contests(id) on delete cascade,
      score integer not null,
      hour bigint not null,
      referrers integer not null,
      primary key (contest_id, score, hour)
    )`.execute(db)

  // The hour a score was reached: whole hours since the epoch, so no session time zone moves it.
  await sql`
    create or replace function contest_hour(at timestamptz) returns bigint
    language sql immutable parallel safe as $$ select floor(extract(epoch from at) / 3600)::bigint $$`.execute(
    db,
  )

  // Applies the rows a statement added (+1) and removed (-1), netted per key, in key order (so two
  // transactions take the counters' row locks in the same order and never deadlock on them). A
  // contest being deleted (its standings go with it) has no counts left to keep.
  await sql`
    create or replace function contest_counts_apply(deltas jsonb) returns void
    language plpgsql as $$
    begin
      insert into contest_score_counts as c (contest_id, score, referrers)
      select (d->>'contest_id')::uuid, (d->>'score')::int, sum((d->>'n')::int)
        from jsonb_array_elements(deltas) d
        join contests k on k.id = (d->>'contest_id')::uuid
       group by 1, 2 having sum((d->>'n')::int) <> 0
       order by 1, 2
      on conflict (contest_id, score) do update set referrers = c.referrers + excluded.referrers;
      insert into contest_score_hour_counts as c (contest_id, score, hour, referrers)
      select (d->>'contest_id')::uuid, (d->>'score')::int, (d->>'hour')::bigint, sum((d->>'n')::int)
        from jsonb_array_elements(deltas) d
        join contests k on k.id = (d->>'contest_id')::uuid
       group by 1, 2, 3 having sum((d->>'n')::int) <> 0
       order by 1, 2, 3
      on conflict (contest_id, score, hour) do update set referrers = c.referrers + excluded.referrers;
    end $$`.execute(db)

  // Statement triggers with transition tables: a contest created over a big board (one insert of
  // every standing) updates each counter once, not once per referrer.
  await sql`
    create or replace function contest_standings_counted() returns trigger
    language plpgsql as $$
    declare deltas jsonb;
    begin
      if tg_op = 'INSERT' then
        select coalesce(jsonb_agg(jsonb_build_object('contest_id', contest_id, 'score', score,
                 'hour', contest_hour(reached_at), 'n', 1)), '[]') into deltas from new_rows;
      elsif tg_op = 'DELETE' then
        select coalesce(jsonb_agg(jsonb_build_object('contest_id', contest_id, 'score', score,
                 'hour', contest_hour(reached_at), 'n', -1)), '[]') into deltas from old_rows;
      else
        select coalesce(jsonb_agg(d), '[]') into deltas from (
          select jsonb_build_object('contest_id', contest_id, 'score', score,
                   'hour', contest_hour(reached_at), 'n', 1) d from new_rows
          union all
          select jsonb_build_object('contest_id', contest_id, 'score', score,
                   'hour', contest_hour(reached_at), 'n', -1) from old_rows) changed;
      end if;
      if jsonb_array_length(deltas) > 0 then perform contest_counts_apply(deltas); end if;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger contest_standings_counted_insert after insert on contest_standings
      referencing new table as new_rows
      for each statement execute function contest_standings_counted()`.execute(db)
  await sql`
    create trigger contest_standings_counted_update after update on contest_standings
      referencing old table as old_rows new table as new_rows
      for each statement execute function contest_standings_counted()`.execute(db)
  await sql`
    create trigger contest_standings_counted_delete after delete on contest_standings
      referencing old table as old_rows
      for each statement execute function contest_standings_counted()`.execute(db)

  // One referrer's place in one round trip: their row, the sums over the counts, and those level
  // with them earlier in the same hour, counted by a statement planned with their values (EXECUTE
  // plans each call afresh: a plan cached for any score would read the whole board for a common one).
  await sql`
    create or replace function contest_place(p_contest uuid, p_workspace text, p_referrer uuid)
    returns table (score integer, higher integer, tied_ahead integer, above integer)
    language plpgsql stable as $$
    declare
      my_score integer;
      my_at timestamptz;
      my_hour bigint;
      v_higher integer;
      v_earlier integer;
      v_level integer;
      v_above integer;
    begin
      select s.score, s.reached_at into my_score, my_at from contest_standings s
       where s.contest_id = p_contest and s.workspace_id = p_workspace and s.referrer_id = p_referrer;
      if not found then return; end if;
      my_hour := contest_hour(my_at);
      select coalesce(sum(c.referrers), 0)::int, min(c.score) filter (where c.referrers > 0)
        into v_higher, v_above
        from contest_score_counts c where c.contest_id = p_contest and c.score > my_score;
      select coalesce(sum(h.referrers), 0)::int into v_earlier from contest_score_hour_counts h
       where h.contest_id = p_contest and h.score = my_score and h.hour < my_hour;
      execute 'select count(*)::int from contest_standings a
                where a.contest_id = $1 and a.score = $2 and a.reached_at >= $3
                  and (a.reached_at, a.referrer_id) < ($4, $5)'
        into v_level using p_contest, my_score, to_timestamp(my_hour * 3600), my_at, p_referrer;
      return query select my_score, v_higher, v_earlier + v_level, v_above;
    end $$`.execute(db)

  // Boards that already exist.
  await sql`
    insert into contest_score_counts (contest_id, score, referrers)
    select contest_id, score, count(*) from contest_standings group by 1, 2`.execute(db)
  await sql`
    insert into contest_score_hour_counts (contest_id, score, hour, referrers)
    select contest_id, score, contest_hour(reached_at), count(*) from contest_standings
     group by 1, 2, 3`.execute(db)
}
