-- Ticket references: QH + the Shanghai date + '-' + the sequence number, six digits zero-padded, and simply wider
-- past 999,999 (lpad used to cut 1,000,000 down to '100000', which then collided on the unique key). Distinct
-- numbers give distinct texts: below a million exactly six digits, from a million on seven or more.
create function next_ticket_ref(created timestamptz) returns text language sql volatile as $$
  select 'QH' || to_char(created at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-'
         || case when n < 1000000 then lpad(n::text, 6, '0') else n::text end
  from (select nextval('ticket_ref_seq') as n) s
$$;
