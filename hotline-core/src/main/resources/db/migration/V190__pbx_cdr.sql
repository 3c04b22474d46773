-- Asterisk's own call detail records, written by the PBX itself (cdr_pgsql, or cdr_adaptive_odbc, with
-- scripts/asterisk/cdr_pgsql.conf): they exist even for calls that began and ended while no node held the AMI link
-- (between the owner's death and the take-over). The PBX owner imports the calls it does not have (telephony
-- CdrImport; docs/telephony.md "Calls made while no node held the PBX"). Column names are what cdr_pgsql fills: the
-- standard CDR fields, start/answer/end, and the CDR variables the dialplan sets (hotline_*). Times are UTC
-- (cdr_pgsql.conf timezone=UTC); every column may be empty, cdr_pgsql writes '' for an unset variable.
create table pbx_cdr (
  calldate timestamp,
  clid varchar(80),
  src varchar(80),
  dst varchar(80),
  dcontext varchar(80),
  channel varchar(80),
  dstchannel varchar(80),
  lastapp varchar(80),
  lastdata varchar(80),
  start timestamp,
  answer timestamp,
  "end" timestamp,
  duration integer,
  billsec integer,
  disposition varchar(45),
  amaflags integer,
  accountcode varchar(80),
  uniqueid varchar(150),
  userfield varchar(255),
  peeraccount varchar(80),
  linkedid varchar(150),
  sequence integer,
  hotline_prefecture varchar(16),
  hotline_queue varchar(80),
  hotline_member varchar(120),
  hotline_unanswered varchar(32),
  hotline_recording varchar(255),
  hotline_lang varchar(8),
  hotline_danger varchar(4),
  hotline_callback varchar(80)
);

-- the importer reads the recent rows of calls not in "calls"
create index pbx_cdr_end on pbx_cdr ("end");
create index pbx_cdr_linkedid on pbx_cdr (linkedid);
