-- Telephony (issue 13): recordings past their retention are deleted from disk; the call keeps the name and says when.
alter table calls add column recording_deleted_at timestamptz;
create index calls_recording_live on calls (started_at) where recording is not null and recording_deleted_at is null;
