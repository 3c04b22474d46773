-- Two CDR variables a real Asterisk 20 showed to be needed (RealPbxCdrTest, docs/telephony.md "CDR import on a real
-- Asterisk"): the CDR's own dst is the intake's extension "s", not the number dialled (12349), and its answer time is
-- the dialplan's Answer() at the start of the call, not the operator's. The dialplan now records both:
-- hotline_dialled (the dialled extension, set on entry) and hotline_answered (epoch seconds when the queue connected an
-- operator, set by the queues' membergosub on the operator's channel onto the caller's).
alter table pbx_cdr
  add column hotline_dialled varchar(80),
  add column hotline_answered varchar(32);
