import { sql, type Kysely } from 'kysely'

// Frozen in time: a fix is a new migration, never an edit here.
export async function up(db: Kysely<any>): Promise<void> {
  // A contest runs on one campaign for a period; starts_at/ends_at are the instants the local
  // times typed in time_zone (IANA) stand for. frozen_at is set once when the results are final.
  await sql`
    create table contests (
      id uuid primary key default gen_random_uuid(),
      workspace_id text not null references workspaces(id),
      campaign_id uuid not null references campaigns(id),
      name text not null,
      metric text not null default 'qualified' check (metric in ('qualified', 'joined')),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      time_zone text not null,
      top_n integer not null default 0 check (top_n >= 0 and top_n <= 100),
      top_prize jsonb,
      threshold integer check (threshold is null or threshold > 0),
      threshold_prize jsonb,
      frozen_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at > starts_at)
    )`.execute(db)
  await sql`create index contests_campaign on contests (campaign_id) where frozen_at is null`.execute(
    db,
  )
  await sql`create index contests_workspace on contests (workspace_id, starts_at desc)`.execute(db)

  // The maintained ranking: one row per referrer with a score, kept by triggers on the tables a
  // score depends on, so code that knows nothing of contests (a webhook, a refund, SQL by hand)
  // keeps it right. Rank = 1 + rows ahead by (score desc, reached_at asc): one index range.
  await sql`
    create table contest_standings (
      contest_id uuid not null references contests(id) on delete cascade,
      workspace_id text not null,
      referrer_id uuid not null references referrers(id),
      participant_id uuid not null references participants(id),
      score integer not null,
      reached_at timestamptz not null,
      best_notified_rank integer,
      primary key (contest_id, referrer_id)
    )`.execute(db)
  await sql`create index contest_standings_rank on contest_standings (contest_id, score desc, reached_at, referrer_id)`.execute(
    db,
  )

  // The frozen results: written once at the end, never recomputed.
  await sql`
    create table contest_results (
      contest_id uuid not null references contests(id) on delete cascade,
      workspace_id text not null,
      referrer_id uuid not null references referrers(id),
      participant_id uuid not null references participants(id),
      rank integer not null,
      score integer not null,
      reached_at timestamptz not null,
      prize text check (prize in ('top', 'threshold')),
      reward_id uuid references rewards(id),
      primary key (contest_id, referrer_id)
    )`.execute(db)
  await sql`create index contest_results_rank on contest_results (contest_id, rank)`.execute(db)

  // People who asked not to appear by name on a leaderboard.
  await sql`
    create table leaderboard_opt_outs (
      participant_id uuid primary key references participants(id),
      workspace_id text not null,
      created_at timestamptz not null default now()
    )`.execute(db)

  // A referrer's score in one contest from the referrals that count now: in the period, not
  // rejected, not held for review, no reward of theirs reversed, the referrer not blocked.
  await sql`
    create or replace function contest_refresh_referrer(p_referrer uuid, p_campaign uuid) returns void
    language plpgsql as $$
    declare
      c record;
      r record;
      s integer;
      at timestamptz;
    begin
      -- Most changes happen outside any contest: one index probe and out.
      if not exists (select 1 from contests where campaign_id = p_campaign and frozen_at is null
                     and now() < ends_at) then
        return;
      end if;
      select id, campaign_id, participant_id, workspace_id, blocked_at into r
        from referrers where id = p_referrer;
      if not found then return; end if;
      for c in
        select * from contests
         where campaign_id = r.campaign_id and frozen_at is null and now() < ends_at
      loop
        if r.blocked_at is not null then
          s := 0;
        else
          select count(*), max(case when c.metric = 'qualified' then f.qualified_at else f.created_at end)
            into s, at
            from referrals f
           where f.referrer_id = p_referrer
             and f.campaign_id = c.campaign_id
             and f.review_reason is null
             and (case when c.metric = 'qualified'
                       then f.status = 'qualified' and f.qualified_at >= c.starts_at and f.qualified_at < c.ends_at
                       else f.status <> 'rejected' and f.created_at >= c.starts_at and f.created_at < c.ends_at
                  end)
             and not exists (
               select 1 from rewards w where w.referral_id = f.id and w.status = 'reversed');
        end if;
        if s = 0 then
          delete from contest_standings where contest_id = c.id and referrer_id = p_referrer;
        else
          insert into contest_standings (contest_id, workspace_id, referrer_id, participant_id, score, reached_at)
          values (c.id, r.workspace_id, p_referrer, r.participant_id, s, at)
          on conflict (contest_id, referrer_id)
          do update set score = excluded.score, reached_at = excluded.reached_at;
        end if;
      end loop;
    end $$`.execute(db)

  await sql`
    create or replace function contest_referrals_changed() returns trigger
    language plpgsql as $$
    begin
      if tg_op in ('UPDATE', 'DELETE') then
        perform contest_refresh_referrer(old.referrer_id, old.campaign_id);
      end if;
      if tg_op in ('INSERT', 'UPDATE') and (tg_op = 'INSERT' or new.referrer_id <> old.referrer_id) then
        perform contest_refresh_referrer(new.referrer_id, new.campaign_id);
      end if;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger contest_referrals_changed
      after insert or delete or update of status, review_reason, qualified_at, referrer_id, campaign_id
      on referrals for each row execute function contest_referrals_changed()`.execute(db)

  await sql`
    create or replace function contest_rewards_changed() returns trigger
    language plpgsql as $$
    declare ref uuid; camp uuid;
    begin
      if new.referral_id is null or new.status is not distinct from old.status then return null; end if;
      if new.status <> 'reversed' and old.status <> 'reversed' then return null; end if;
      select referrer_id, campaign_id into ref, camp from referrals where id = new.referral_id;
      if ref is not null then perform contest_refresh_referrer(ref, camp); end if;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger contest_rewards_changed
      after update of status on rewards
      for each row execute function contest_rewards_changed()`.execute(db)

  await sql`
    create or replace function contest_referrers_changed() returns trigger
    language plpgsql as $$
    begin
      if new.blocked_at is distinct from old.blocked_at then
        perform contest_refresh_referrer(new.id, new.campaign_id);
      end if;
      return null;
    end $$`.execute(db)
  await sql`
    create trigger contest_referrers_changed
      after update of blocked_at on referrers
      for each row execute function contest_referrers_changed()`.execute(db)

  // A/B experiments of a campaign's offer and copy. variants: [{key, name, headline?,
  // shareMessage?, rewards?}] validated by src/experiments/experiment-settings.ts.
  await sql`
    create table experiments (
      id uuid primary key default gen_random_uuid(),
      workspace_id text not null references workspaces(id),
      campaign_id uuid not null references campaigns(id),
      name text not null,
      variants jsonb not null,
      status text not null default 'running' check (status in ('running', 'stopped')),
      promoted_variant text,
      started_at timestamptz not null default now(),
      stopped_at timestamptz,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create unique index experiments_one_running on experiments (campaign_id) where status = 'running'`.execute(
    db,
  )
  await sql`create index experiments_workspace on experiments (workspace_id, created_at desc)`.execute(
    db,
  )

  // Each referrer's variant, assigned once (the first time they see the card) and kept.
  await sql`
    create table experiment_assignments (
      experiment_id uuid not null references experiments(id) on delete cascade,
      workspace_id text not null,
      referrer_id uuid not null references referrers(id),
      variant text not null,
      assigned_at timestamptz not null default now(),
      shared_at timestamptz,
      primary key (experiment_id, referrer_id)
    )`.execute(db)
  await sql`create index experiment_assignments_referrer on experiment_assignments (referrer_id)`.execute(
    db,
  )
}
