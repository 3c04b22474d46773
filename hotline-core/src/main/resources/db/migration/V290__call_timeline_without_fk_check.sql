-- The write-behind stores a burst of calls as one upsert of their rows and one insert of their timeline entries (about
-- twelve a call) per transaction (telephony PgCallStore.write). The foreign key call_timeline -> calls checked every
-- timeline row with a query of its own: 35-45 % of the timeline insert's time, the largest single cost of a burst's
-- writes in PostgreSQL (auto_explain of the batches, docs/BENCHMARKS.md "Durable calls: the timeline's foreign key").
-- What it guarded still holds without it: call_timeline has one writer, PgCallStore.write, which upserts each call's
-- row before its entries in the same transaction (a failed upsert rolls the entries back), and no call row is ever
-- deleted — the application role may no longer delete one (Privileges.NEVER_DELETED) and no code did.
alter table call_timeline drop constraint call_timeline_linkedid_fkey;
