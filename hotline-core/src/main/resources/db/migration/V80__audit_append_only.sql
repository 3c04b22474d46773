-- The audit trail is evidence: like the ticket history (V1) it is only ever appended to, whoever connects.
-- (The application role has no UPDATE/DELETE/TRUNCATE on it either: cn.hotline12349.core.db.Privileges.)
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
