-- The on-call gauges (dispatch-ui OpsGauges) ask every 15 s how many calls wait and since when, and how many tickets
-- are open by category and severity; these partial indexes keep both answers small however many rows are closed.
create index calls_waiting on calls (queued_at) where state = 'QUEUED';
create index tickets_open_category_severity on tickets (category, severity)
  where status not in ('CLOSED', 'RESOLVED_AT_INTAKE');
