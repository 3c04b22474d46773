-- Open tickets by the unit holding them and state, from counters (the board view's other number read): counting the
-- open rows of V72's partial index per request was linear in their number (~40 ms at 1M tickets, ~50k open).
-- The pattern of V150's board counters: statement triggers on tickets append signed deltas in the writer's
-- transaction (no shared counter row is updated, so writers never queue on one), OpenTicketCounters.compact folds
-- them into open_ticket_counts (the SLA scheduler's compaction runs it), and a reader adds both.
-- Key: a ticket is open while queue_rank >= 0 (V71: closed tickets rank below 0); '' stands for no county yet.

create table open_ticket_counts (
  intake_org  varchar(6) not null,
  county_code varchar(6) not null,
  county_pref varchar(6) not null,
  status      text not null,
  n           bigint not null,
  primary key (intake_org, county_code, county_pref, status)
);

create table open_ticket_count_deltas (
  intake_org  varchar(6) not null,
  county_code varchar(6) not null,
  county_pref varchar(6) not null,
  status      text not null,
  n           bigint not null
);

-- One statement's open rows, old ones subtracted, new ones added; keys whose sum is 0 are not written (a note or a
-- claim that keeps the unit and state writes nothing).
create function open_ticket_counts_track() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    insert into open_ticket_count_deltas (intake_org, county_code, county_pref, status, n)
    select r.intake_org, coalesce(r.county_code, ''), coalesce(r.county_pref, ''), r.status, count(*)
      from new_rows r where r.queue_rank >= 0 group by 1, 2, 3, 4;
  elsif tg_op = 'DELETE' then
    insert into open_ticket_count_deltas (intake_org, county_code, county_pref, status, n)
    select r.intake_org, coalesce(r.county_code, ''), coalesce(r.county_pref, ''), r.status, -count(*)
      from old_rows r where r.queue_rank >= 0 group by 1, 2, 3, 4;
  else
    insert into open_ticket_count_deltas (intake_org, county_code, county_pref, status, n)
    select intake_org, county_code, county_pref, status, sum(sign) from (
      select r.intake_org, coalesce(r.county_code, '') as county_code, coalesce(r.county_pref, '') as county_pref,
             r.status, 1 as sign
        from new_rows r where r.queue_rank >= 0
      union all
      select r.intake_org, coalesce(r.county_code, ''), coalesce(r.county_pref, ''), r.status, -1
        from old_rows r where r.queue_rank >= 0) k
    group by 1, 2, 3, 4
    having sum(sign) <> 0;
  end if;
  return null;
end $$;

create trigger tickets_open_counts_ins after insert on tickets referencing new table as new_rows
  for each statement execute function open_ticket_counts_track();
create trigger tickets_open_counts_upd after update on tickets referencing old table as old_rows new table as new_rows
  for each statement execute function open_ticket_counts_track();
create trigger tickets_open_counts_del after delete on tickets referencing old table as old_rows
  for each statement execute function open_ticket_counts_track();

-- Recount from the tickets (this migration's backfill; the generator, which loads with triggers off, after a load).
create function open_ticket_counts_rebuild() returns void language plpgsql as $$
begin
  lock table open_ticket_counts, open_ticket_count_deltas in exclusive mode;
  lock table tickets in share mode;
  delete from open_ticket_count_deltas;
  delete from open_ticket_counts;
  insert into open_ticket_counts (intake_org, county_code, county_pref, status, n)
  select t.intake_org, coalesce(t.county_code, ''), coalesce(t.county_pref, ''), t.status, count(*)
    from tickets t where t.queue_rank >= 0 group by 1, 2, 3, 4;
end $$;

select open_ticket_counts_rebuild();
