-- Intake suggestion kept beside the operator's final choice (issue 4): the sub-class and confidence shown.
alter table tickets add column suggested_subcategory text;
alter table tickets add column suggested_confidence double precision
  check (suggested_confidence is null or suggested_confidence between 0 and 1);
alter table tickets add constraint tickets_suggested_category_check check (suggested_category is null
  or suggested_category in ('VIOLATION', 'LIFE_DIFFICULTY', 'PSYCHOLOGICAL', 'CONSULTATION', 'REFERRAL_OTHER'));
alter table tickets add constraint tickets_suggested_severity_check check (suggested_severity is null
  or suggested_severity in ('EMERGENCY', 'HIGH', 'NORMAL', 'CONSULT'));

-- Duplicate search looks for open tickets by child county.
create index ticket_children_county on ticket_children (county_code) where county_code is not null;
