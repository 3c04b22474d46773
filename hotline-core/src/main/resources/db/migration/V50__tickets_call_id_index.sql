-- The call list and the ticket page look up tickets by the call they came from.
create index tickets_call_id_idx on tickets (call_id) where call_id is not null;
