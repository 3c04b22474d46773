-- Issue 14. The structured risk check answered on the call, stored with its ticket (one row per ticket), and the
-- labelled example every saved ticket becomes for the learned intake model. Neither copies note text: the text stays
-- in tickets.narrative under the ticket's access rules; the model rebuild reads it from there.

create table ticket_risk_checks (
  ticket_id        bigint primary key references tickets (id) on delete cascade,
  answers          jsonb not null check (jsonb_typeof(answers) = 'object'),
  derived_severity text not null check (derived_severity in ('EMERGENCY', 'HIGH', 'NORMAL', 'CONSULT')),
  reasons          jsonb not null default '[]'::jsonb,
  downgrade_reason text check (downgrade_reason is null or length(downgrade_reason) between 1 and 2000),
  answered_by      bigint references users (id),
  answered_at      timestamptz not null
);

create table intake_examples (
  ticket_id           bigint primary key references tickets (id) on delete cascade,
  intake_org          text not null,
  category            text not null,
  subcategory         text,
  severity            text not null check (severity in ('EMERGENCY', 'HIGH', 'NORMAL', 'CONSULT')),
  suggested_category  text,
  suggested_severity  text,
  labelled_at         timestamptz not null
);
-- accuracy over the last 30 days, and the newest examples first for a rebuild
create index intake_examples_labelled_at on intake_examples (labelled_at desc);
