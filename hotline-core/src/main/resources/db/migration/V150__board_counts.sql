-- The SLA board from counters kept in the writer's transaction (issue 12: board p95 <= 50 ms at 1M tickets).
-- Counting open clocks and the month's stopped clocks per request was linear in their number (~229 ms at 1M).
--
-- A clock row's board key does not move with time, except for "overdue" and "warned before the warning fired":
--   status   RUNNING / PAUSED for open clocks; MET / LATE for clocks stopped with that outcome
--   warned   RUNNING and a mark has fired (next_mark > 0)
--   day      open running clock: its due date; stopped clock: its stop date; else 'infinity'
--            (dates in Asia/Shanghai, the board's day; SlaBoard falls back to counting rows for any other zone)
-- The reader (BoardAggregates) takes days before today as overdue, days after as not, and counts the running clocks
-- due today, and the unfired warnings (next_fire_at <= now, next_mark = 0), from sla_deadlines itself: both are small.
--
-- Writers never update a shared counter row (that would serialise every ticket of a county and could deadlock):
-- statement triggers on sla_deadlines append signed deltas to board_count_deltas, and a compaction
-- (BoardCounters.compact, run by the SLA scheduler) folds them into board_counts. Readers add both.

create function hotline_board_day(t timestamptz) returns date language sql immutable parallel safe as $$
  select coalesce((t at time zone 'Asia/Shanghai')::date, 'infinity'::date)
$$;

create table board_counts (
  owner_org varchar(6) not null,
  stage     text not null,
  status    text not null check (status in ('RUNNING', 'PAUSED', 'MET', 'LATE')),
  warned    boolean not null,
  day       date not null,
  n         bigint not null,
  primary key (status, owner_org, stage, warned, day)
);

create table board_count_deltas (
  owner_org varchar(6) not null,
  stage     text not null,
  status    text not null,
  warned    boolean not null,
  day       date not null,
  n         bigint not null
);

-- One statement's rows, old ones subtracted, new ones added; keys whose sum is 0 are not written.
create function board_counts_track() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into board_count_deltas (owner_org, stage, status, warned, day, n)
    select owner_org, stage, k_status, k_warned, k_day, count(*) from (
      select r.owner_org, r.stage, case when r.status = 'STOPPED' then r.outcome else r.status end as k_status,
             r.status = 'RUNNING' and r.next_mark > 0 as k_warned,
             case r.status when 'STOPPED' then hotline_board_day(r.stopped_at)
                           when 'RUNNING' then hotline_board_day(r.due_at) else 'infinity'::date end as k_day
        from new_rows r
       where r.owner_org is not null and (r.status <> 'STOPPED' or r.outcome in ('MET', 'LATE'))) k
    group by 1, 2, 3, 4, 5;
  elsif tg_op = 'DELETE' then
    insert into board_count_deltas (owner_org, stage, status, warned, day, n)
    select owner_org, stage, k_status, k_warned, k_day, -count(*) from (
      select r.owner_org, r.stage, case when r.status = 'STOPPED' then r.outcome else r.status end as k_status,
             r.status = 'RUNNING' and r.next_mark > 0 as k_warned,
             case r.status when 'STOPPED' then hotline_board_day(r.stopped_at)
                           when 'RUNNING' then hotline_board_day(r.due_at) else 'infinity'::date end as k_day
        from old_rows r
       where r.owner_org is not null and (r.status <> 'STOPPED' or r.outcome in ('MET', 'LATE'))) k
    group by 1, 2, 3, 4, 5;
  else
    insert into board_count_deltas (owner_org, stage, status, warned, day, n)
    select owner_org, stage, k_status, k_warned, k_day, sum(sign) from (
      select r.owner_org, r.stage, case when r.status = 'STOPPED' then r.outcome else r.status end as k_status,
             r.status = 'RUNNING' and r.next_mark > 0 as k_warned,
             case r.status when 'STOPPED' then hotline_board_day(r.stopped_at)
                           when 'RUNNING' then hotline_board_day(r.due_at) else 'infinity'::date end as k_day,
             1 as sign
        from new_rows r
       where r.owner_org is not null and (r.status <> 'STOPPED' or r.outcome in ('MET', 'LATE'))
      union all
      select r.owner_org, r.stage, case when r.status = 'STOPPED' then r.outcome else r.status end,
             r.status = 'RUNNING' and r.next_mark > 0,
             case r.status when 'STOPPED' then hotline_board_day(r.stopped_at)
                           when 'RUNNING' then hotline_board_day(r.due_at) else 'infinity'::date end,
             -1
        from old_rows r
       where r.owner_org is not null and (r.status <> 'STOPPED' or r.outcome in ('MET', 'LATE'))) k
    group by 1, 2, 3, 4, 5
    having sum(sign) <> 0;
  end if;
  return null;
end $$;

create trigger sla_deadlines_board_ins after insert on sla_deadlines referencing new table as new_rows
  for each statement execute function board_counts_track();
create trigger sla_deadlines_board_upd after update on sla_deadlines referencing old table as old_rows new table as new_rows
  for each statement execute function board_counts_track();
create trigger sla_deadlines_board_del after delete on sla_deadlines referencing old table as old_rows
  for each statement execute function board_counts_track();

-- Recount from the clocks (this migration's backfill; the generator, which loads with triggers off, after a load).
create function board_counts_rebuild() returns void language plpgsql as $$
begin
  lock table board_counts, board_count_deltas in exclusive mode;
  lock table sla_deadlines in share mode;
  delete from board_count_deltas;
  delete from board_counts;
  insert into board_counts (owner_org, stage, status, warned, day, n)
  select owner_org, stage, k_status, k_warned, k_day, count(*) from (
    select r.owner_org, r.stage, case when r.status = 'STOPPED' then r.outcome else r.status end as k_status,
           r.status = 'RUNNING' and r.next_mark > 0 as k_warned,
           case r.status when 'STOPPED' then hotline_board_day(r.stopped_at)
                         when 'RUNNING' then hotline_board_day(r.due_at) else 'infinity'::date end as k_day
      from sla_deadlines r
     where r.owner_org is not null and (r.status <> 'STOPPED' or r.outcome in ('MET', 'LATE'))) k
  group by 1, 2, 3, 4, 5;
end $$;

select board_counts_rebuild();

-- Running clocks by due time: the board's clocks due today, its overdue and due-soon lists (soonest first).
create index sla_deadlines_running_due on sla_deadlines (due_at, ticket_id, clock_key)
  include (owner_org, stage, next_mark, next_fire_at) where status = 'RUNNING';
