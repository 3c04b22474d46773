-- Idempotency-Key of POST /api/tickets: a client retrying after a dropped connection gets the ticket it already
-- made, never a second one. Written in the ticket's own transaction; one key per user.
create table ticket_idempotency (
  user_id     bigint not null references users (id),
  key         text not null check (length(key) between 1 and 200),
  ticket_id   bigint not null references tickets (id),
  created_at  timestamptz not null,
  primary key (user_id, key)
);
create index ticket_idempotency_created on ticket_idempotency (created_at);
