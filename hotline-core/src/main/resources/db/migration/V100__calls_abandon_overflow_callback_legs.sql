-- Telephony (issue 13): where an abandoned call was lost, the queue it was last in, and both legs of a callback.
--   abandon_stage:   IVR (hung up before any queue), QUEUE (hung up while queued), UNANSWERED (nobody answered in
--                    time; the dialplan ended the call and a callback is owed). abandoned_at is now also set for the
--                    IVR and UNANSWERED cases (the caller's hang-up), so the pending list and the state cover them.
--   last_queued_at:  the latest queue join; queue/queue_position belong to it (overflow moves a call to the province).
--   unanswered:      Queue()'s QUEUESTATUS when the dialplan gave up (TIMEOUT, JOINEMPTY, ...).
--   callback_result: the called party's leg of an outbound callback: <DIALSTATUS>:<answered seconds>.
alter table calls
  add column abandon_stage   text check (abandon_stage in ('IVR', 'QUEUE', 'UNANSWERED')),
  add column last_queued_at  timestamptz,
  add column unanswered      text,
  add column callback_result text;

-- A callback attempt: the operator's leg (Originate answered) and the called party's leg, each with its time.
alter table call_callbacks
  add column operator_answered_at timestamptz,
  add column talk_seconds         integer;
