-- The board's open tickets by region and state (issue 12), counted from this small partial index alone: open
-- tickets are a few percent of all.
create index tickets_open_counts on tickets (county_code, intake_org, county_pref, status) where queue_rank >= 0;
