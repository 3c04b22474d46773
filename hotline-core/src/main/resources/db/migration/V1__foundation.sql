-- Foundation schema: the org tree, users and sessions, tickets with their children and an append-only event log.

create table org_units (
  code        varchar(6) primary key check (code ~ '^[0-9]{6}$'),
  name_zh     text not null,
  name_en     text not null,
  tier        text not null check (tier in ('PROVINCE', 'PREFECTURE', 'COUNTY')),
  parent_code varchar(6) references org_units (code),
  check ((tier = 'PROVINCE') = (parent_code is null))
);

create table users (
  id            bigserial primary key,
  username      text not null unique check (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  password_hash text not null,
  display_name  text not null,
  role          text not null check (role in ('OPERATOR', 'INTAKE_SUPERVISOR', 'COUNTY_HANDLER', 'PROVINCE_SUPERVISOR', 'ADMIN')),
  org_code      varchar(6) not null references org_units (code),
  active        boolean not null default true,
  created_at    timestamptz not null default now()
);

-- Only a hash of the session token is kept: a leaked table does not leak sessions.
create table sessions (
  token_hash  text primary key,
  user_id     bigint not null references users (id),
  csrf_token  text not null,
  created_at  timestamptz not null,
  expires_at  timestamptz not null
);
create index sessions_expiry on sessions (expires_at);

create table tickets (
  id                  bigserial primary key,
  ref                 text not null unique,
  status              text not null,
  version             integer not null default 0,
  intake_org          varchar(6) not null references org_units (code),
  county_code         varchar(6) references org_units (code),
  caller_number       text,
  caller_number_norm  text,
  caller_relation     text,
  category            text not null check (category in ('VIOLATION', 'LIFE_DIFFICULTY', 'PSYCHOLOGICAL', 'CONSULTATION', 'REFERRAL_OTHER')),
  subcategory         text,
  severity            text not null check (severity in ('EMERGENCY', 'HIGH', 'NORMAL', 'CONSULT')),
  suggested_category  text,
  suggested_severity  text,
  narrative           text not null,
  claimed_by          bigint references users (id),
  suspended_from      text,
  reply_attempts      integer not null default 0,
  first_contact_at    timestamptz,
  call_id             text,
  created_by          bigint not null references users (id),
  created_at          timestamptz not null,
  updated_at          timestamptz not null,
  closed_at           timestamptz
);
create index tickets_county_status on tickets (county_code, status);
create index tickets_intake_status on tickets (intake_org, status);
create index tickets_caller on tickets (caller_number_norm) where caller_number_norm is not null;
create index tickets_created on tickets (created_at desc);

create table ticket_children (
  id            bigserial primary key,
  ticket_id     bigint not null references tickets (id),
  position      integer not null,
  name          text,
  age           integer check (age between 0 and 17),
  gender        text check (gender in ('MALE', 'FEMALE', 'UNKNOWN')),
  county_code   varchar(6) references org_units (code),
  address       text,
  disability    boolean not null default false,
  no_guardian   boolean not null default false,
  unique (ticket_id, position)
);

create table ticket_events (
  id              bigserial primary key,
  ticket_id       bigint not null references tickets (id),
  seq             integer not null,
  type            text not null,
  at              timestamptz not null,
  actor_id        bigint references users (id),
  actor_username  text,
  actor_role      text,
  actor_org       varchar(6),
  from_status     text,
  to_status       text,
  reason          text,
  payload         jsonb not null default '{}'::jsonb,
  unique (ticket_id, seq)
);
create index ticket_events_at on ticket_events (at);

-- The event log is the ticket's history: it is only ever appended to.
create function ticket_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'ticket_events is append-only';
end $$;
create trigger ticket_events_no_update before update or delete on ticket_events
  for each row execute function ticket_events_append_only();

-- Every read and change of a ticket, by whom (DOMAIN.md §10).
create table audit_log (
  id          bigserial primary key,
  at          timestamptz not null,
  user_id     bigint references users (id),
  username    text not null,
  action      text not null,
  ticket_id   bigint,
  detail      text
);
create index audit_log_ticket on audit_log (ticket_id, at);

create sequence ticket_ref_seq;
