-- Login back-off (core.user.LoginThrottle) lives here, not in one node's memory: it survives a restart and holds on
-- every node of a cluster. One row per account (lower-cased user name) and per client address; rows older than the
-- 15-minute window mean nothing and are deleted with expired sessions (Housekeeping).
create table login_failures (
  kind text not null check (kind in ('ACCOUNT', 'ADDRESS')),
  key text not null,
  failures integer not null check (failures > 0),
  last_at timestamptz not null,
  primary key (kind, key)
);
create index login_failures_last_at on login_failures (last_at);
