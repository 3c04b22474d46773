-- Time-limited handling: one row per clock (a ticket stage, or a supervision order), the truth the scheduler fires
-- from. Durations are kept in milliseconds of clock time (wall or working time, see mode).

create table supervision_orders (
  id             bigserial primary key,
  ticket_id      bigint not null references tickets (id),
  issued_by_org  varchar(6) not null references org_units (code),
  issued_by_user bigint references users (id),
  target_org     varchar(6) not null references org_units (code),
  reason         text not null,
  duration       text not null,
  issued_at      timestamptz not null,
  due_at         timestamptz not null,
  status         text not null check (status in ('OPEN', 'FULFILLED', 'CANCELLED')),
  closed_at      timestamptz
);
create index supervision_orders_ticket on supervision_orders (ticket_id);

create table sla_deadlines (
  ticket_id       bigint not null references tickets (id),
  clock_key       text not null,            -- the stage name, or SUPERVISION:<order id>
  stage           text not null check (stage in ('DISPATCH', 'CLAIM', 'FIRST_CONTACT', 'RESULT', 'REPLY', 'SUPERVISION')),
  supervision_id  bigint references supervision_orders (id),
  severity        text not null,
  owner_org       varchar(6) references org_units (code),  -- who must act now
  base_org        varchar(6) references org_units (code),  -- where the escalation ladder starts
  generation      integer not null,
  mode            text not null check (mode in ('ALWAYS', 'WORKING')),
  budget_ms       bigint not null check (budget_ms > 0),
  started_at      timestamptz not null,
  consumed_ms     bigint not null,
  running_since   timestamptz,
  paused_at       timestamptz,
  paused_total_ms bigint not null default 0,
  status          text not null check (status in ('RUNNING', 'PAUSED', 'STOPPED')),
  stopped_at      timestamptz,
  outcome         text check (outcome in ('MET', 'LATE', 'CANCELLED')),
  next_mark       integer not null,
  due_at          timestamptz,
  next_fire_at    timestamptz,
  primary key (ticket_id, clock_key),
  check ((status = 'RUNNING') = (running_since is not null))
);
-- The scheduler's only hot query: what is due now, oldest first.
create index sla_deadlines_fire on sla_deadlines (next_fire_at) where next_fire_at is not null;
create index sla_deadlines_open on sla_deadlines (owner_org, stage) where status <> 'STOPPED';
create index sla_deadlines_stopped on sla_deadlines (stopped_at) where status = 'STOPPED';

-- Warnings and escalations are ticket events; the key makes each mark of each clock generation happen once.
create unique index ticket_events_idempotency on ticket_events ((payload ->> 'idempotencyKey'))
  where payload ? 'idempotencyKey';
