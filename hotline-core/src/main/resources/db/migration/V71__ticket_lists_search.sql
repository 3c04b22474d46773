-- Province scale (issue 12): lists are keyset-paged index scans, search is indexed, and neither computes anything
-- per row at read time. The derived columns below are kept by triggers in the writer's own transaction, so the
-- ticket writer (TicketStore) does not change:
--   county_pref   the prefecture of the county the ticket is dispatched to (a prefecture's scope is
--                 intake_org = P or county_pref = P: two ordered index scans instead of a sub-select)
--   queue_rank    work-queue priority that does not move with time: band(severity) + vulnerability (capped), the
--                 static part of PriorityScore; -1 once closed, so open tickets come first
--   queue_due     the earliest due time of the ticket's running SLA clocks ('infinity' when none)
--   search_names  child-name keys: the name, its given name, their pinyin and initials (小丽 xiaoli xl)
--   search_text   what a note/address search reads: narrative, child names and addresses, notes, results
--   search_grams  the distinct two-character pieces of search_text, GIN-indexed (Chinese words are often two
--                 characters, too short for trigrams)
-- Work-queue order: (-queue_rank, queue_due, id); recent order: (created_at desc, id desc).

alter table tickets
  add column county_pref  varchar(6),
  add column queue_rank   smallint not null default 0,
  add column queue_due    timestamptz not null default 'infinity',
  add column search_names text[] not null default '{}',
  add column search_text  text not null default '',
  add column search_grams text[] not null default '{}';

create function hotline_bigrams(s text) returns text[] language plpgsql immutable parallel safe as $$
declare
  c text[] := regexp_split_to_array(regexp_replace(lower(coalesce(s, '')),
                '[[:space:][:punct:]，。、；：？！“”‘’（）《》·]+', ' ', 'g'), '');
  grams text[] := '{}';
begin
  for i in 1 .. coalesce(cardinality(c), 0) - 1 loop
    if c[i] <> ' ' and c[i + 1] <> ' ' then grams := grams || (c[i] || c[i + 1]); end if;
  end loop;
  return array(select distinct unnest(grams));
end $$;

create function hotline_pinyin(s text, initials boolean) returns text language plpgsql stable parallel safe as $$
declare
  res text := '';
  k text;
  r text;
begin
  foreach k in array regexp_split_to_array(coalesce(s, ''), '') loop
    continue when k ~ '\s' or k = '';
    r := coalesce((select p.py from pinyin_chars p where p.ch = k), lower(k));
    res := res || case when initials then left(r, 1) else r end;
  end loop;
  return res;
end $$;

-- Keys a child's name is found by; a name of three or more characters also by its given name (without a one-character
-- surname), one of four or more also without a two-character one (欧阳小雪 → 小雪).
create function hotline_name_keys(name text) returns text[] language sql stable parallel safe as $$
  select coalesce(array_agg(distinct k), '{}') from (
    select unnest(array[lower(n), hotline_pinyin(n, false), hotline_pinyin(n, true)]) as k
      from (select btrim(name) as n union all
            select substr(btrim(name), 2) where char_length(btrim(name)) >= 3 union all
            select substr(btrim(name), 3) where char_length(btrim(name)) >= 4) names
     where n <> '') keys
  where k is not null and k <> ''
$$;

-- The static part of PriorityScore (intake.PriorityScore: bands and vulnerability points; PriorityRankDbTest keeps
-- the two equal).
create function hotline_queue_rank(severity text, closed boolean, tid bigint) returns smallint language sql stable as $$
  select case when closed then -1 else
    (case severity when 'EMERGENCY' then 3000 when 'HIGH' then 2000 when 'NORMAL' then 1000 else 0 end)
    + least(400, (case when v.min_age < 1 then 300 when v.min_age < 6 then 200 else 0 end)
                 + (case when coalesce(v.disability, false) then 150 else 0 end)
                 + (case when coalesce(v.no_guardian, false) then 150 else 0 end)) end::smallint
  from (select min(c.age) as min_age, bool_or(c.disability) as disability, bool_or(c.no_guardian) as no_guardian
          from ticket_children c where c.ticket_id = tid) v
$$;

create function tickets_derive() returns trigger language plpgsql as $$
begin
  new.county_pref := (select parent_code from org_units where code = new.county_code);
  new.queue_rank := hotline_queue_rank(new.severity, new.closed_at is not null, new.id);
  new.search_names := coalesce((select array_agg(distinct k) from ticket_children c, unnest(hotline_name_keys(c.name)) k
                                 where c.ticket_id = new.id and c.name is not null), '{}');
  new.search_text := concat_ws(' ', new.narrative,
      (select string_agg(concat_ws(' ', c.name, c.address), ' ' order by c.position) from ticket_children c
        where c.ticket_id = new.id),
      (select string_agg(e.reason, ' ' order by e.seq) from ticket_events e
        where e.ticket_id = new.id and e.type in ('NOTE_ADDED', 'RESULT_SUBMITTED', 'RESOLVED_AT_INTAKE')));
  new.search_grams := hotline_bigrams(new.search_text);
  return new;
end $$;
create trigger tickets_derive before insert or update of severity, closed_at, county_code, narrative, search_text
  on tickets for each row execute function tickets_derive();

-- A child or a note changes what the ticket is found by: touch the ticket so tickets_derive runs again.
create function tickets_touch_search() returns trigger language plpgsql as $$
begin
  update tickets set search_text = search_text
   where id in (select distinct ticket_id from changed);
  return null;
end $$;
create trigger ticket_children_search_ins after insert on ticket_children referencing new table as changed
  for each statement execute function tickets_touch_search();
create trigger ticket_children_search_upd after update on ticket_children referencing new table as changed
  for each statement execute function tickets_touch_search();
create trigger ticket_children_search_del after delete on ticket_children referencing old table as changed
  for each statement execute function tickets_touch_search();

create function ticket_events_touch_search() returns trigger language plpgsql as $$
begin
  update tickets set search_text = search_text
   where id in (select distinct ticket_id from changed
                 where type in ('NOTE_ADDED', 'RESULT_SUBMITTED', 'RESOLVED_AT_INTAKE') and reason is not null);
  return null;
end $$;
create trigger ticket_events_search after insert on ticket_events referencing new table as changed
  for each statement execute function ticket_events_touch_search();

-- The earliest running deadline of each ticket whose clocks changed (once per statement, written only if it moved).
create function tickets_queue_due() returns trigger language plpgsql as $$
begin
  with m as (
    select n.ticket_id, coalesce(min(d.due_at), 'infinity') as due
      from (select distinct ticket_id from changed) n
      left join sla_deadlines d on d.ticket_id = n.ticket_id and d.status = 'RUNNING' and d.due_at is not null
     group by n.ticket_id)
  update tickets t set queue_due = m.due from m where t.id = m.ticket_id and t.queue_due <> m.due;
  return null;
end $$;
create trigger sla_deadlines_queue_ins after insert on sla_deadlines referencing new table as changed
  for each statement execute function tickets_queue_due();
create trigger sla_deadlines_queue_upd after update on sla_deadlines referencing new table as changed
  for each statement execute function tickets_queue_due();

-- Existing rows (a migration on an installed system): derive once.
update tickets set search_text = search_text;
update tickets t set queue_due = coalesce((select min(d.due_at) from sla_deadlines d
   where d.ticket_id = t.id and d.status = 'RUNNING' and d.due_at is not null), 'infinity');

-- Work queues, per scope: province, county, intake prefecture, county's prefecture.
create index tickets_queue on tickets ((-queue_rank), queue_due, id);
create index tickets_queue_county on tickets (county_code, (-queue_rank), queue_due, id);
create index tickets_queue_intake on tickets (intake_org, (-queue_rank), queue_due, id);
create index tickets_queue_pref on tickets (county_pref, (-queue_rank), queue_due, id);
-- Recent first, per scope (replaces the single-column created_at index).
drop index tickets_created;
create index tickets_recent on tickets (created_at desc, id desc);
create index tickets_recent_county on tickets (county_code, created_at desc, id desc);
create index tickets_recent_intake on tickets (intake_org, created_at desc, id desc);
create index tickets_recent_pref on tickets (county_pref, created_at desc, id desc);
-- Overdue and due-soon filters over open tickets.
create index tickets_open_due on tickets (queue_due) where queue_rank >= 0;
-- Search: reference prefix, caller's last four digits, child-name keys, text pieces.
create index tickets_ref_prefix on tickets (ref text_pattern_ops);
create index tickets_caller_last4 on tickets (right(caller_number_norm, 4)) where caller_number_norm is not null;
create index tickets_search_names on tickets using gin (search_names);
create index tickets_search_grams on tickets using gin (search_grams);
-- The board's open clocks counted from the index alone.
create index sla_deadlines_board on sla_deadlines (owner_org, stage, status, due_at, next_mark, next_fire_at)
  where status <> 'STOPPED';
create index sla_deadlines_stopped_owner on sla_deadlines (owner_org, stopped_at, outcome, stage)
  where status = 'STOPPED';
