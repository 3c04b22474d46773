-- The province searches the audit log newest first, by user, by action or by time (GET /api/audit).
create index audit_log_at on audit_log (at desc, id desc);
create index audit_log_username_at on audit_log (username, at desc);
create index audit_log_action_at on audit_log (action, at desc);
