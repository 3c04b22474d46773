-- Open supervision orders (督办) soonest first: the board's list and its keyset pages (issue 12).
create index supervision_orders_open_due on supervision_orders (due_at, id) include (issued_by_org, target_org)
  where status = 'OPEN';
