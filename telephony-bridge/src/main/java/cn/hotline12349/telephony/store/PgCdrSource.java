package cn.hotline12349.telephony.store;

import cn.hotline12349.telephony.domain.CdrCalls;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code pbx_cdr} (V190: the PBX's own CDR rows, written by Asterisk's cdr_pgsql): the rows of calls that ended
 * since a given time and are not in {@code calls}, and those of calls whose end was lost. The only SQL on that table.
 */
public final class PgCdrSource {
  /** Where cdr_pgsql writes unset values as '' (nullif), times in UTC without a zone (cdr_pgsql.conf timezone=UTC). */
  private static final String COLUMNS = """
      linkedid, nullif(uniqueid, ''), nullif(channel, ''), nullif(dstchannel, ''), nullif(src, ''),
             nullif(dst, ''), nullif(dcontext, ''), start, answer, "end", nullif(disposition, ''), sequence,
             nullif(hotline_prefecture, ''), nullif(hotline_queue, ''), nullif(hotline_member, ''),
             nullif(hotline_unanswered, ''), nullif(hotline_recording, ''), nullif(hotline_lang, ''),
             nullif(hotline_danger, ''), nullif(hotline_callback, ''), nullif(hotline_dialled, ''),
             nullif(hotline_answered, ''), nullif(hotline_callback_result, '')
      """;

  private static final String UNKNOWN = "select " + COLUMNS + """
        from pbx_cdr c
       where c.linkedid in (select d.linkedid from pbx_cdr d
                             where d."end" >= $1 and d.linkedid <> ''
                               and not exists (select 1 from calls k where k.linkedid = d.linkedid)
                             group by d.linkedid order by min(d."end") limit $2)
       order by linkedid, start, sequence""";

  /** The rows of given calls (those a reconciliation closed without an end time), by the Linkedid index. */
  private static final String OF_CALLS = "select " + COLUMNS + """
        from pbx_cdr c where c.linkedid = any($1) order by linkedid, start, sequence""";

  private final Pool pool;

  public PgCdrSource(Pool pool) {
    this.pool = pool;
  }

  /** CDR rows by Linkedid (at most {@code limit} calls, oldest end first) of calls ended since {@code since} and not stored. */
  public Future<Map<String, List<CdrCalls.Row>>> unknownCalls(Instant since, int limit) {
    return pool.preparedQuery(UNKNOWN)
        .execute(Tuple.of(LocalDateTime.ofInstant(since, ZoneOffset.UTC), limit))
        .map(PgCdrSource::byCall);
  }

  /** CDR rows by Linkedid of these calls (those without rows are absent). */
  public Future<Map<String, List<CdrCalls.Row>>> rowsOf(List<String> linkedids) {
    if (linkedids.isEmpty()) return Future.succeededFuture(Map.of());
    return pool.preparedQuery(OF_CALLS).execute(Tuple.of(linkedids.toArray(new String[0]))).map(PgCdrSource::byCall);
  }

  private static Map<String, List<CdrCalls.Row>> byCall(io.vertx.sqlclient.RowSet<Row> rows) {
    Map<String, List<CdrCalls.Row>> out = new LinkedHashMap<>();
    for (Row r : rows) {
      CdrCalls.Row row = new CdrCalls.Row(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
          r.getString(4), r.getString(5), r.getString(6), utc(r.getLocalDateTime(7)),
          utc(r.getLocalDateTime(8)), utc(r.getLocalDateTime(9)), r.getString(10), r.getInteger(11),
          r.getString(12), r.getString(13), r.getString(14), r.getString(15), r.getString(16),
          r.getString(17), r.getString(18), r.getString(19), r.getString(20), r.getString(21), r.getString(22));
      out.computeIfAbsent(row.linkedid(), k -> new ArrayList<>()).add(row);
    }
    return out;
  }

  /**
   * Deletes the rows of calls that ended before {@code before}: they were only kept to fill a gap, and they hold the
   * callers' numbers in a second table. Completes with the number of rows deleted.
   */
  public Future<Integer> prune(Instant before) {
    return pool.preparedQuery("delete from pbx_cdr where \"end\" < $1")
        .execute(Tuple.of(LocalDateTime.ofInstant(before, ZoneOffset.UTC))).map(rs -> rs.rowCount());
  }

  private static Instant utc(LocalDateTime t) {
    return t == null ? null : t.toInstant(ZoneOffset.UTC);
  }
}
