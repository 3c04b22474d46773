-- Reports that concern the same child (并单, issue 4). LINK keeps both open; MERGE ends ticket_id into other_id.
create table ticket_links (
  id          bigserial primary key,
  ticket_id   bigint not null references tickets (id),
  other_id    bigint not null references tickets (id),
  mode        text not null check (mode in ('LINK', 'MERGE')),
  reason      text not null,
  created_by  bigint not null references users (id),
  created_at  timestamptz not null,
  check (ticket_id <> other_id)
);
-- One link per pair, whichever way round it was made.
create unique index ticket_links_pair on ticket_links (least(ticket_id, other_id), greatest(ticket_id, other_id));
create index ticket_links_other on ticket_links (other_id);
