-- The hold state of a call (AMI Hold/Unhold from the operator's phone), stored with the call so that a node that
-- restarts or takes the PBX over, and every node's call reads, show it. held is the PBX's latest word, at
-- hold_changed_at (PBX time): the write-behind's merge keeps the latest; a read shows a call as held only while it is
-- live (cn.hotline12349.telephony.domain.Call#onHold). The HELD/UNHELD history stays in call_timeline.
alter table calls
  add column held boolean not null default false,
  add column hold_changed_at timestamptz;
