-- The board's two counter reads each wanted a tenth of board_counts and scanned all of it (issue 12, board at 1M):
-- the stopped clocks' counters (MET/LATE, one row per owner, stage and day of the last two months: ~17,000 rows at
-- 1M generated tickets) outnumber the open ones (~1,500). Each read gets its own partial index, covering what it
-- sums (index-only where the compaction has not touched the page since the last vacuum).
create index board_counts_open on board_counts (owner_org, stage, status, warned, day) include (n)
  where status in ('RUNNING', 'PAUSED');
create index board_counts_stopped_day on board_counts (day, owner_org, stage, status) include (n)
  where status in ('MET', 'LATE');
