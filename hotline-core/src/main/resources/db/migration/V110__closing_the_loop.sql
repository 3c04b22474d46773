-- Closing the loop (issue 16): partner agencies, referrals to them with receipts, mandatory reports (强制报告),
-- reply-call attempts, follow-up visits after closure. Referral, feedback and follow-up deadlines are rows of
-- sla_deadlines like every other clock (clock keys REFERRAL:<id>, REFERRAL_FEEDBACK:<id>, FOLLOW_UP:<id>).

create table partners (
  id          bigserial primary key,
  code        text not null unique,                   -- stable key: from config/partners.yaml, or given by an admin
  kind        text not null check (kind in ('POLICE', 'AMBULANCE', 'GOV_SERVICE', 'YOUTH', 'WOMEN', 'SCHOOL',
                'HOSPITAL', 'SOCIAL_WORK', 'PSYCHOLOGICAL', 'CHILD_SUPERVISOR', 'CHILD_DIRECTOR')),
  org_code    varchar(6) not null references org_units (code),
  name        text not null,
  channels    jsonb not null default '[]',
  demo        boolean not null default false,            -- fictional contact details (seed data)
  active      boolean not null default true,
  source      text not null check (source in ('CONFIG', 'ADMIN')),
  created_at  timestamptz not null,
  updated_at  timestamptz not null
);
create index partners_org_kind on partners (org_code, kind);

create table referrals (
  id               bigserial primary key,
  ticket_id        bigint not null references tickets (id),
  partner_id       bigint not null references partners (id),
  partner_kind     text not null,
  status           text not null check (status in ('SENT', 'ACCEPTED', 'RETURNED', 'WAITING', 'COMPLETED', 'FAILED')),
  mandatory_rule   text,                                  -- the 强制报告 rule this police referral answers
  referred_by_org  varchar(6) not null references org_units (code),
  referred_by_user bigint references users (id),
  note             text,
  sent_at          timestamptz not null,
  accepted_at      timestamptz,
  receipt_by       text,                                  -- who at the agency acknowledged it
  receipt_ref      text,                                  -- the agency's own reference number
  receipt_at       timestamptz,
  feedback_at      timestamptz,                           -- police feedback on a mandatory report
  feedback_note    text,
  closed_at        timestamptz,
  updated_at       timestamptz not null
);
create index referrals_ticket on referrals (ticket_id);
create index referrals_sent on referrals (sent_at);

create table mandatory_reports (
  ticket_id   bigint primary key references tickets (id),
  rule_code   text not null,
  matched_at  timestamptz not null
);

create table callback_attempts (
  id                bigserial primary key,
  ticket_id         bigint not null references tickets (id),
  attempt           integer not null,
  at                timestamptz not null,                 -- when the call was made
  recorded_at       timestamptz not null,
  operator_id       bigint references users (id),
  operator_username text not null,
  outcome           text not null check (outcome in ('REACHED', 'NO_ANSWER', 'WRONG_NUMBER', 'REFUSED')),
  satisfaction      smallint check (satisfaction between 1 and 5),
  unreachable       boolean not null default false        -- this attempt made the policy record the caller unreachable
);
create index callback_attempts_ticket on callback_attempts (ticket_id, attempt);
create index callback_attempts_at on callback_attempts (at);

create table follow_ups (
  id           bigserial primary key,
  ticket_id    bigint not null references tickets (id),
  county_code  varchar(6) not null references org_units (code),
  due_at       timestamptz not null,
  status       text not null check (status in ('OPEN', 'DONE', 'CANCELLED')),
  created_at   timestamptz not null,
  done_at      timestamptz,
  done_by      bigint references users (id),
  note         text
);
create index follow_ups_open on follow_ups (county_code, due_at) where status = 'OPEN';
create unique index follow_ups_one_open on follow_ups (ticket_id) where status = 'OPEN';

alter table sla_deadlines drop constraint sla_deadlines_stage_check;
alter table sla_deadlines add constraint sla_deadlines_stage_check check (stage in ('DISPATCH', 'CLAIM',
  'FIRST_CONTACT', 'RESULT', 'REPLY', 'SUPERVISION', 'REFERRAL', 'REFERRAL_FEEDBACK', 'FOLLOW_UP'));

-- Statistics count closed tickets by when they closed.
create index tickets_closed on tickets (closed_at) where closed_at is not null;
