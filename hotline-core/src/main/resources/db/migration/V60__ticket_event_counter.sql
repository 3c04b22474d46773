-- Each ticket counts its own events: the one event writer (core.ticket.TicketEventWriter) takes the next seq from
-- this counter under the ticket's row lock instead of a max(seq) subquery over ticket_events.
alter table tickets add column event_seq integer not null default 0;
update tickets t set event_seq = e.last from (select ticket_id, max(seq) as last from ticket_events group by ticket_id) e
 where e.ticket_id = t.id;
