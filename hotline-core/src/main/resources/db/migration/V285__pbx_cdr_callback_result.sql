-- A reply call imported from the PBX's CDR lacked its outcome (docs/telephony.md "A callback's CDR on the real PBX"):
-- the callback context's end handler now writes HOTLINE_CALLBACK_RESULT (<DIALSTATUS>:<seconds the called party
-- talked>) into this CDR variable, and the org unit that placed it into hotline_prefecture.
alter table pbx_cdr add column hotline_callback_result varchar(40);

-- Calls a reconciliation closed as "ended while the link was down" without a time: the CDR import looks for their
-- real end in pbx_cdr (every run, until the look-back has passed). Few rows, hence partial.
create index calls_end_unknown on calls (updated_at) where ended_during_disconnect and ended_at is null;
