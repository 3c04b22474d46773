-- Photos and documents kept with a ticket. The bytes live in the database so a backup, a restore and the access
-- rules of the ticket cover them as one; the size limit (AttachmentKind.MAX_BYTES) keeps rows reasonable.
create table ticket_attachments (
  id            bigserial primary key,
  ticket_id     bigint not null references tickets (id),
  filename      text not null check (length(filename) between 1 and 200),
  content_type  text not null,
  size_bytes    integer not null check (size_bytes > 0),
  sha256        text not null,
  content       bytea not null,
  uploaded_by   bigint not null references users (id),
  uploaded_at   timestamptz not null
);
create index ticket_attachments_ticket on ticket_attachments (ticket_id, id);
