-- Hour buckets for running clocks (issue 12: board p95 <= 50 ms at 1M tickets).
-- V150's reader took the running clocks due today from the rows (the shorter part of the day): ~4,500-9,000 rows at
-- 1M generated tickets, most of the board's time. board_hour_counts holds running clocks by due date and hour
-- (Asia/Shanghai, as V150's days), so of today the reader adds whole hours from the counters and reads only the
-- current hour's deadlines from the rows.
--
-- Kept by the same machinery as board_counts: each delta row carries the hour of a running clock's deadline (null
-- otherwise), the writer's statement trigger appends it (no extra row per clock), and the compaction folds the same
-- deltas into both tables. Only the hours of today matter to a reader; older hours are pruned.

create function hotline_board_hour(t timestamptz) returns smallint language sql immutable parallel safe as $$
  select extract(hour from t at time zone 'Asia/Shanghai')::smallint
$$;

alter table board_count_deltas add column hour smallint;

create table board_hour_counts (
  day       date not null,
  hour      smallint not null check (hour between 0 and 23),
  owner_org varchar(6) not null,
  stage     text not null,
  warned    boolean not null,
  n         bigint not null,
  primary key (day, hour, owner_org, stage, warned)
);

-- The key of a clock row (V150's, plus the hour of a running clock's deadline).
create or replace function board_counts_track() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into board_count_deltas (owner_org, stage, status, warned, day, hour, n)
    select owner_org, stage, k_status, k_warned, k_day, k_hour, count(*) from (
      select r.owner_org, r.stage, case when r.status = 'STOPPED' then r.outcome else r.status end as k_status,
             r.status = 'RUNNING' and r.next_mark > 0 as k_warned,
             case r.status when 'STOPPED' then hotline_board_day(r.stopped_at)
                           when 'RUNNING' then hotline_board_day(r.due_at) else 'infinity'::date end as k_day,
             case when r.status = 'RUNNING' then hotline_board_hour(r.due_at) end as k_hour
        from new_rows r
       where r.owner_org is not null and (r.status <> 'STOPPED' or r.outcome in ('MET', 'LATE'))) k
    group by 1, 2, 3, 4, 5, 6;
  elsif tg_op = 'DELETE' then
    insert into board_count_deltas (owner_org, stage, status, warned, day, hour, n)
    select owner_org, stage, k_status, k_warned, k_day, k_hour, -count(*) from (
      select r.owner_org, r.stage, case when r.status = 'STOPPED' then r.outcome else r.status end as k_status,
             r.status = 'RUNNING' and r.next_mark > 0 as k_warned,
             case r.status when 'STOPPED' then hotline_board_day(r.stopped_at)
                           when 'RUNNING' then hotline_board_day(r.due_at) else 'infinity'::date end as k_day,
             case when r.status = 'RUNNING' then hotline_board_hour(r.due_at) end as k_hour
        from old_rows r
       where r.owner_org is not null and (r.status <> 'STOPPED' or r.outcome in ('MET', 'LATE'))) k
    group by 1, 2, 3, 4, 5, 6;
  else
    insert into board_count_deltas (owner_org, stage, status, warned, day, hour, n)
    select owner_org, stage, k_status, k_warned, k_day, k_hour, sum(sign) from (
      select r.owner_org, r.stage, case when r.status = 'STOPPED' then r.outcome else r.status end as k_status,
             r.status = 'RUNNING' and r.next_mark > 0 as k_warned,
             case r.status when 'STOPPED' then hotline_board_day(r.stopped_at)
                           when 'RUNNING' then hotline_board_day(r.due_at) else 'infinity'::date end as k_day,
             case when r.status = 'RUNNING' then hotline_board_hour(r.due_at) end as k_hour,
             1 as sign
        from new_rows r
       where r.owner_org is not null and (r.status <> 'STOPPED' or r.outcome in ('MET', 'LATE'))
      union all
      select r.owner_org, r.stage, case when r.status = 'STOPPED' then r.outcome else r.status end,
             r.status = 'RUNNING' and r.next_mark > 0,
             case r.status when 'STOPPED' then hotline_board_day(r.stopped_at)
                           when 'RUNNING' then hotline_board_day(r.due_at) else 'infinity'::date end,
             case when r.status = 'RUNNING' then hotline_board_hour(r.due_at) end,
             -1
        from old_rows r
       where r.owner_org is not null and (r.status <> 'STOPPED' or r.outcome in ('MET', 'LATE'))) k
    group by 1, 2, 3, 4, 5, 6
    having sum(sign) <> 0;
  end if;
  return null;
end $$;

-- Recount both tables from the clocks (this migration's backfill; the generator after a load).
create or replace function board_counts_rebuild() returns void language plpgsql as $$
begin
  lock table board_counts, board_count_deltas, board_hour_counts in exclusive mode;
  lock table sla_deadlines in share mode;
  delete from board_count_deltas;
  delete from board_counts;
  delete from board_hour_counts;
  insert into board_counts (owner_org, stage, status, warned, day, n)
  select owner_org, stage, k_status, k_warned, k_day, count(*) from (
    select r.owner_org, r.stage, case when r.status = 'STOPPED' then r.outcome else r.status end as k_status,
           r.status = 'RUNNING' and r.next_mark > 0 as k_warned,
           case r.status when 'STOPPED' then hotline_board_day(r.stopped_at)
                         when 'RUNNING' then hotline_board_day(r.due_at) else 'infinity'::date end as k_day
      from sla_deadlines r
     where r.owner_org is not null and (r.status <> 'STOPPED' or r.outcome in ('MET', 'LATE'))) k
  group by 1, 2, 3, 4, 5;
  insert into board_hour_counts (day, hour, owner_org, stage, warned, n)
  select hotline_board_day(r.due_at), hotline_board_hour(r.due_at), r.owner_org, r.stage, r.next_mark > 0, count(*)
    from sla_deadlines r
   where r.owner_org is not null and r.status = 'RUNNING' and r.due_at is not null
   group by 1, 2, 3, 4, 5;
end $$;

select board_counts_rebuild();
