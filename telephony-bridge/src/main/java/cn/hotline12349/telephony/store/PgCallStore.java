package cn.hotline12349.telephony.store;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallChange;
import cn.hotline12349.telephony.domain.PbxMapping;
import cn.hotline12349.core.domain.PhoneNumber;
import cn.hotline12349.telephony.domain.TimelineEntry;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** PostgreSQL side of {@link CallStore} (tables of V20__calls.sql). */
public final class PgCallStore implements CallStore {
  static final String COLUMNS = "linkedid, direction, caller_number, caller_number_norm, dialled, prefecture_code, queue, "
      + "queue_position, priority, language, danger, started_at, ivr_at, queued_at, offered_at, offered_to, answered_at, "
      + "operator_interface, operator_name, operator_username, hold_seconds, transferred_at, transfer_target, "
      + "abandoned_at, ended_at, end_cause, ended_during_disconnect, recording, callback_id, abandon_stage, last_queued_at, "
      + "unanswered, callback_result, held, hold_changed_at";

  /** SQL type of each of {@link #COLUMNS}, in order: the element type of its array in {@link #UPSERT_MANY}. */
  private static final String[] TYPES = {"text", "text", "text", "text", "text", "text", "text", "integer", "text",
      "text", "boolean", "timestamptz", "timestamptz", "timestamptz", "timestamptz", "text", "timestamptz", "text", "text",
      "text", "integer", "timestamptz", "text", "timestamptz", "timestamptz", "text", "boolean", "text", "text", "text",
      "timestamptz", "text", "text", "boolean", "timestamptz"};

  private static final String UPSERT = "insert into calls (" + COLUMNS + ") values ("
      + "$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,"
      + "$30,$31,$32,$33,$34,$35) " + merge();

  /**
   * The same merge for a whole batch in one statement: one array per column, unnested into rows (PostgreSQL plans and
   * runs one statement instead of one per call). A batch must hold each call once: ON CONFLICT DO UPDATE may not touch
   * a row twice in one statement (the write-behind keeps one change per call).
   */
  private static final String UPSERT_MANY = "insert into calls (" + COLUMNS + ") select * from unnest("
      + java.util.stream.IntStream.range(0, TYPES.length).mapToObj(i -> "$" + (i + 1) + "::" + TYPES[i] + "[]")
          .collect(java.util.stream.Collectors.joining(", ")) + ") " + merge();

  private static String merge() {
    return "on conflict (linkedid) do update set "
      + "direction = case when excluded.direction = 'OUTBOUND' then 'OUTBOUND' else calls.direction end, "
      + keep("caller_number") + keep("caller_number_norm") + latest("dialled") + latest("prefecture_code")
      + ofLatestJoin("queue") + ofLatestJoin("queue_position") + "last_queued_at = greatest(calls.last_queued_at, "
      + "excluded.last_queued_at), " + latest("priority") + latest("language") + latest("danger")
      + earliest("started_at") + earliest("ivr_at") + earliest("queued_at") + earliest("offered_at") + keep("offered_to")
      + earliest("answered_at") + keep("operator_interface") + keep("operator_name") + keep("operator_username")
      + keep("hold_seconds") + earliest("transferred_at") + keep("transfer_target")
      // an answered call is never abandoned: a stale row written before the answer arrived is corrected
      + "abandoned_at = case when coalesce(calls.answered_at, excluded.answered_at) is not null then null "
      + "else least(calls.abandoned_at, excluded.abandoned_at) end, "
      + "abandon_stage = case when coalesce(calls.answered_at, excluded.answered_at) is not null then null "
      + "else coalesce(excluded.abandon_stage, calls.abandon_stage) end, "
      + keep("unanswered") + keep("callback_result") + earliest("ended_at") + "end_cause = case when excluded.ended_at is not null and calls.ended_at is null "
      + "then excluded.end_cause else coalesce(calls.end_cause, excluded.end_cause) end, "
      + "ended_during_disconnect = (calls.ended_during_disconnect or excluded.ended_during_disconnect) "
      + "and coalesce(calls.ended_at, excluded.ended_at) is null, "
      + latest("recording") + latest("callback_id")
      // hold: the latest by PBX time wins, as in the tracker, whatever order the writers' rows arrive in
      + "held = case when calls.hold_changed_at is null or excluded.hold_changed_at >= calls.hold_changed_at "
      + "then excluded.held else calls.held end, "
      + "hold_changed_at = greatest(calls.hold_changed_at, excluded.hold_changed_at), updated_at = now()";
  }

  private static final String TIMELINE = "insert into call_timeline (linkedid, type, at, detail) values ($1,$2,$3,$4) "
      + "on conflict do nothing";

  /**
   * Every timeline entry of a batch in one statement, as plain inserts rather than speculative ones (no confirmation
   * record in the WAL, no speculative lock): about 40 % less of PostgreSQL's time per entry (docs/BENCHMARKS.md). A
   * batch holding an entry already stored (a replayed event) fails on call_timeline's unique key and is written again,
   * whole, with {@link #TIMELINE_MANY}: nothing is stored twice or lost, only that batch pays a second transaction.
   */
  private static final String TIMELINE_NEW = "insert into call_timeline (linkedid, type, at, detail) "
      + "select * from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[])";

  /** The same, skipping entries already stored (a duplicate, even within the batch, is stored once). */
  private static final String TIMELINE_MANY = TIMELINE_NEW + " on conflict do nothing";

  /** unique_violation: the only unique key a batch can break is call_timeline's (calls merge on conflict). */
  private static final String DUPLICATE = "23505";

  private final Pool pool;
  private final PbxMapping mapping;
  private final AtomicLong rewritten = new AtomicLong();

  public PgCallStore(Pool pool, PbxMapping mapping) {
    this.pool = pool;
    this.mapping = mapping;
  }

  /** Links a call to the ticket created during it; false when there is no such call. */
  public static Future<Boolean> linkTicket(SqlClient db, String linkedid, long ticketId) {
    return db.preparedQuery("update calls set ticket_id = $2, updated_at = now() where linkedid = $1")
        .execute(Tuple.of(linkedid, ticketId)).map(rs -> rs.rowCount() == 1);
  }

  /** Marks the calls whose recording files were deleted by the retention job. */
  public static Future<Void> markRecordingsDeleted(SqlClient db, List<String> recordings) {
    return db.preparedQuery("update calls set recording_deleted_at = now() where recording = any($1)"
        + " and recording_deleted_at is null").execute(Tuple.of(recordings.toArray(new String[0]))).mapEmpty();
  }

  @Override
  public Future<Void> write(List<CallChange> changes) {
    if (changes.isEmpty()) return Future.succeededFuture();
    List<Tuple> rows = new ArrayList<>();
    List<Tuple> timeline = new ArrayList<>();
    for (CallChange c : changes) {
      rows.add(row(c.after()));
      for (TimelineEntry e : c.added()) timeline.add(Tuple.of(c.after().linkedid(), e.type(), odt(e.at()), e.detail()));
    }
    boolean oncePerCall = changes.stream().map(c -> c.after().linkedid()).distinct().count() == changes.size();
    if (!oncePerCall || rows.size() == 1) { // a single row, or a batch naming a call twice: one statement per row
      return pool.withTransaction(conn -> conn.preparedQuery(UPSERT).executeBatch(rows)
          .compose(r -> timeline.isEmpty() ? Future.succeededFuture()
              : conn.preparedQuery(TIMELINE).executeBatch(timeline).mapEmpty())).mapEmpty();
    }
    // one transaction, two statements, however many calls: the batch's cost no longer grows with a round trip per row
    Tuple calls = columns(rows, TYPES);
    Tuple entries = columns(timeline, new String[] {"text", "text", "timestamptz", "text"});
    return writeMany(calls, timeline.isEmpty() ? null : entries, TIMELINE_NEW)
        .recover(e -> {
          if (!(e instanceof PgException pg) || !DUPLICATE.equals(pg.getSqlState())) {
            return Future.failedFuture(e);
          }
          rewritten.incrementAndGet(); // rolled back whole: written again, skipping the entries already stored
          return writeMany(calls, entries, TIMELINE_MANY);
        });
  }

  private Future<Void> writeMany(Tuple calls, Tuple entries, String timelineSql) {
    return pool.withTransaction(conn -> conn.preparedQuery(UPSERT_MANY).execute(calls)
        .compose(r -> entries == null ? Future.succeededFuture()
            : conn.preparedQuery(timelineSql).execute(entries).mapEmpty())).mapEmpty();
  }

  /** Batches written a second time because their first insert met a timeline entry already stored. */
  public long rewritten() {
    return rewritten.get();
  }

  /** Rows to one array per column, typed as the column (null elements kept). */
  private static Tuple columns(List<Tuple> rows, String[] types) {
    Object[] arrays = new Object[types.length];
    for (int col = 0; col < types.length; col++) {
      Object[] a = switch (types[col]) {
        case "integer" -> new Integer[rows.size()];
        case "boolean" -> new Boolean[rows.size()];
        case "timestamptz" -> new OffsetDateTime[rows.size()];
        default -> new String[rows.size()];
      };
      for (int r = 0; r < rows.size(); r++) a[r] = rows.get(r).getValue(col);
      arrays[col] = a;
    }
    return Tuple.from(arrays);
  }

  @Override
  public Future<List<Call>> openCalls() {
    return pool.query("select " + COLUMNS + " from calls where state not in ('ENDED', 'ABANDONED')").execute()
        .map(rs -> {
          List<Call> out = new ArrayList<>();
          for (Row r : rs) out.add(call(r));
          return out;
        });
  }

  @Override
  public Future<List<Call>> endedAtUnknown(Instant since, int limit) {
    return pool.preparedQuery("select " + COLUMNS + " from calls where ended_during_disconnect and ended_at is null "
        + "and updated_at >= $1 order by updated_at limit $2").execute(Tuple.of(odt(since), limit)) // V285's index
        .map(rs -> {
          List<Call> out = new ArrayList<>();
          for (Row r : rs) out.add(call(r));
          return out;
        });
  }

  @Override
  public Future<Void> callbackRequested(String callbackId, String linkedid, Long ticketId, String operatorUsername,
      String targetNumber, Instant at) {
    return pool.withTransaction(conn -> conn.preparedQuery("insert into call_callbacks "
            + "(id, linkedid, ticket_id, operator_username, target_number, requested_at) values ($1,$2,$3,$4,$5,$6)")
        .execute(Tuple.of(callbackId, linkedid, ticketId, operatorUsername, targetNumber, odt(at)))
        .compose(r -> linkedid == null ? Future.succeededFuture() : conn.preparedQuery("update calls set "
                + "callback_attempts = callback_attempts + 1, callback_status = case when callback_status = 'DONE' "
                + "then 'DONE' else 'REQUESTED' end, updated_at = now() where linkedid = $1")
            .execute(Tuple.of(linkedid)))).mapEmpty();
  }

  @Override
  public Future<Void> callbackOperatorAnswered(String callbackId, Instant at) {
    return pool.preparedQuery("update call_callbacks set operator_answered_at = coalesce(operator_answered_at, $2), "
        + "status = case when status = 'REQUESTED' then 'OPERATOR_ANSWERED' else status end where id = $1")
        .execute(Tuple.of(callbackId, odt(at))).mapEmpty();
  }

  @Override
  public Future<Attempt> callbackOutcome(String callbackId, String status, boolean done, String detail,
      Integer talkSeconds, Instant at) {
    // first outcome wins: a replayed result never turns a done callback into a failed one
    return pool.withTransaction(conn -> conn.preparedQuery("update call_callbacks set status = $2, detail = $3, "
            + "outcome_at = $4, talk_seconds = $5 where id = $1 and outcome_at is null "
            + "returning linkedid, ticket_id, operator_username")
        .execute(Tuple.of(callbackId, status, detail, odt(at), talkSeconds))
        .compose(rs -> {
          if (rs.size() == 0) return Future.succeededFuture((Attempt) null);
          Row r = rs.iterator().next();
          Attempt attempt = new Attempt(callbackId, r.getString("linkedid"), r.getLong("ticket_id"),
              r.getString("operator_username"));
          if (attempt.linkedid() == null) return Future.succeededFuture(attempt);
          return conn.preparedQuery("update calls set callback_status = case when callback_status = 'DONE' "
                  + "then 'DONE' else $2 end, updated_at = now() where linkedid = $1")
              .execute(Tuple.of(attempt.linkedid(), done ? "DONE" : "FAILED")).map(x -> attempt);
        }));
  }

  private Tuple row(Call c) {
    String norm = PhoneNumber.normalize(c.callerNumber());
    return Tuple.from(new Object[] {c.linkedid(), c.direction(), c.callerNumber(), norm, c.dialled(), c.prefecture(),
        c.queue(), c.queuePosition(), c.priority(), c.language(), c.danger(), odt(c.startedAt()), odt(c.ivrAt()),
        odt(c.queuedAt()), odt(c.offeredAt()), c.offeredTo(), odt(c.answeredAt()), c.operatorInterface(),
        c.operatorName(), mapping.usernameOf(c.operatorInterface()).orElse(null), c.holdSeconds(),
        odt(c.transferredAt()), c.transferTarget(), odt(c.abandonedTime()), odt(c.endedAt()), c.endCause(),
        c.endedDuringDisconnect(), c.recording(), c.callbackId(), c.abandonStage(), odt(c.lastQueuedAt()),
        c.unanswered(), c.callbackResult(), c.held(), odt(c.holdChangedAt())});
  }

  static Call call(Row r) {
    return new Call(r.getString("linkedid"), r.getString("direction"), r.getString("caller_number"),
        r.getString("dialled"), r.getString("prefecture_code"), r.getString("queue"), r.getInteger("queue_position"),
        r.getString("priority"), r.getString("language"), r.getBoolean("danger"), inst(r, "started_at"),
        inst(r, "ivr_at"), inst(r, "queued_at"), inst(r, "offered_at"), r.getString("offered_to"),
        inst(r, "answered_at"), r.getString("operator_interface"), r.getString("operator_name"),
        r.getInteger("hold_seconds"), inst(r, "transferred_at"), r.getString("transfer_target"),
        inst(r, "abandoned_at"), inst(r, "ended_at"), r.getString("end_cause"), r.getBoolean("ended_during_disconnect"),
        r.getString("recording"), r.getString("callback_id"), inst(r, "last_queued_at"), r.getString("unanswered"),
        r.getString("callback_result"), r.getBoolean("held"), inst(r, "hold_changed_at"));
  }

  /** The queue a call is in is the one it joined last (overflow); rows without join times keep what is known. */
  private static String ofLatestJoin(String col) {
    return col + " = case when calls.last_queued_at is null or excluded.last_queued_at >= calls.last_queued_at "
        + "then coalesce(excluded." + col + ", calls." + col + ") else calls." + col + " end, ";
  }

  private static String keep(String col) {
    return col + " = coalesce(calls." + col + ", excluded." + col + "), ";
  }

  private static String latest(String col) {
    return col + " = coalesce(excluded." + col + ", calls." + col + "), ";
  }

  private static String earliest(String col) {
    return col + " = least(calls." + col + ", excluded." + col + "), ";
  }

  static OffsetDateTime odt(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  static Instant inst(Row r, String col) {
    OffsetDateTime t = r.getOffsetDateTime(col);
    return t == null ? null : t.toInstant();
  }
}
