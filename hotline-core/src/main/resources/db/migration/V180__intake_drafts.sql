-- An operator's unfinished intake form for a linked call, so a crashed tab or another desk picks the call up again.
-- It holds personal data: deleted when the ticket is created or the operator discards it, purged after a day
-- (IntakeDrafts.KEEP), one row per operator and call, a few per operator at most. The size check is a backstop at
-- twice IntakeDrafts.MAX_CHARS (jsonb prints with spaces the client's JSON does not have).
create table intake_drafts (
  user_id    bigint not null references users (id),
  call_id    text not null check (length(call_id) between 1 and 100),
  body       jsonb not null check (jsonb_typeof(body) = 'object' and length(body::text) <= 131072),
  updated_at timestamptz not null,
  primary key (user_id, call_id)
);
create index intake_drafts_updated on intake_drafts (updated_at);
