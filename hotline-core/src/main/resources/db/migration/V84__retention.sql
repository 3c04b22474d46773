-- Retention (core.retention): after a configured time past closure a ticket's personal data is anonymised — names,
-- numbers, addresses, narrative and the free text of its history — while codes, states and times stay for statistics.
alter table tickets add column anonymised_at timestamptz;
create index tickets_retention_due on tickets (category, closed_at)
  where anonymised_at is null and closed_at is not null;

-- The history stays append-only, except for this one sanctioned rewrite of its free text.
create or replace function ticket_events_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and current_setting('hotline.anonymising', true) = 'on'
     and new.id = old.id and new.ticket_id = old.ticket_id and new.seq = old.seq and new.type = old.type
     and new.at = old.at and new.from_status is not distinct from old.from_status
     and new.to_status is not distinct from old.to_status then
    return new;
  end if;
  raise exception 'ticket_events is append-only';
end $$;

-- Runs with the owner's rights: the application role has no UPDATE on the history and gets only this function.
create function anonymise_ticket(p_id bigint, p_at timestamptz) returns boolean
  language plpgsql security definer set search_path = public, pg_temp as $$
declare
  v_call text;
begin
  update tickets set caller_number = null, caller_number_norm = null, caller_relation = null,
         narrative = '[已匿名]', anonymised_at = p_at
   where id = p_id and anonymised_at is null and closed_at is not null
  returning call_id into v_call;
  if not found then
    return false;
  end if;
  update ticket_children set name = null, address = null where ticket_id = p_id;
  perform set_config('hotline.anonymising', 'on', true);
  update ticket_events set reason = case when reason is null then null else '[已匿名]' end where ticket_id = p_id;
  perform set_config('hotline.anonymising', 'off', true);
  if v_call is not null then
    update calls set caller_number = null, caller_number_norm = null where linkedid = v_call;
  end if;
  return true;
end $$;
revoke all on function anonymise_ticket(bigint, timestamptz) from public;
