-- Keyset pages of the call lists (issue 12): newest first, calls without a start last, linkedid breaking ties, in the
-- province's scope, a prefecture's, and the abandoned calls not yet called back (both scopes).
create index calls_keyset on calls ((coalesce(started_at, '-infinity'::timestamptz)) desc, linkedid desc);
create index calls_keyset_pref on calls (prefecture_code, (coalesce(started_at, '-infinity'::timestamptz)) desc,
  linkedid desc);
create index calls_keyset_pending on calls ((coalesce(started_at, '-infinity'::timestamptz)) desc, linkedid desc)
  where abandoned_at is not null and callback_status is distinct from 'DONE';
create index calls_keyset_pending_pref on calls (prefecture_code, (coalesce(started_at, '-infinity'::timestamptz)) desc,
  linkedid desc) where abandoned_at is not null and callback_status is distinct from 'DONE';
