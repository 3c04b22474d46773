-- Login throttling (LoginThrottle) counts failures in memory; a run of failures locks the account here, until an
-- administrator unlocks it (POST /api/admin/users/{username}/unlock).
alter table users add column failed_logins integer not null default 0;
alter table users add column locked_at timestamptz;
