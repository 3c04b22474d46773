-- Telephony: one row per call (keyed by Asterisk's Linkedid), its timeline, and reply-call attempts.
-- Rows are upserted by the bridge's write-behind: times merge to the earliest value seen, other facts keep the
-- first non-null value, so replayed or duplicated events never change a stored call twice.

create table calls (
  linkedid                 text primary key,
  direction                text not null default 'INBOUND' check (direction in ('INBOUND', 'OUTBOUND')),
  caller_number            text,
  caller_number_norm       text,
  dialled                  text,
  prefecture_code          varchar(6),
  queue                    text,
  queue_position           integer,
  priority                 text,
  language                 text,
  danger                   boolean,
  started_at               timestamptz,
  ivr_at                   timestamptz,
  queued_at                timestamptz,
  offered_at               timestamptz,
  offered_to               text,
  answered_at              timestamptz,
  operator_interface       text,
  operator_name            text,
  operator_username        text,
  hold_seconds             integer,
  transferred_at           timestamptz,
  transfer_target          text,
  abandoned_at             timestamptz,
  ended_at                 timestamptz,
  end_cause                text,
  ended_during_disconnect  boolean not null default false,
  recording                text,
  callback_id              text,
  ticket_id                bigint references tickets (id),
  callback_status          text check (callback_status in ('REQUESTED', 'DONE', 'FAILED')),
  callback_attempts        integer not null default 0,
  created_at               timestamptz not null default now(),
  updated_at               timestamptz not null default now(),
  -- Derived exactly as cn.hotline12349.telephony.domain.Call#state does, so a merge can never store a stale state.
  state text generated always as (case
    when abandoned_at is not null then 'ABANDONED'
    when ended_at is not null or ended_during_disconnect then 'ENDED'
    when transferred_at is not null then 'TRANSFERRED'
    when answered_at is not null then 'ANSWERED'
    when offered_at is not null then 'OFFERED'
    when queued_at is not null then 'QUEUED'
    when ivr_at is not null then 'IVR'
    else 'RINGING' end) stored
);
create index calls_started on calls (started_at desc);
create index calls_caller on calls (caller_number_norm) where caller_number_norm is not null;
create index calls_prefecture_started on calls (prefecture_code, started_at desc);
create index calls_abandoned_pending on calls (abandoned_at)
  where abandoned_at is not null and callback_status is distinct from 'DONE';

create table call_timeline (
  id        bigserial primary key,
  linkedid  text not null references calls (linkedid),
  type      text not null,
  at        timestamptz,
  detail    text,
  unique nulls not distinct (linkedid, type, at, detail)
);

-- A reply call (Originate from the operator's phone) for an abandoned call and/or a ticket's reply.
create table call_callbacks (
  id                 text primary key,
  linkedid           text,
  ticket_id          bigint references tickets (id),
  operator_username  text not null,
  target_number      text not null,
  requested_at       timestamptz not null,
  status             text not null default 'REQUESTED',
  detail             text,
  outcome_at         timestamptz
);
create index call_callbacks_linkedid on call_callbacks (linkedid);
create index call_callbacks_ticket on call_callbacks (ticket_id);
