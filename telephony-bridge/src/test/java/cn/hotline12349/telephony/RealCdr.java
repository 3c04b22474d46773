package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.loopback.AmiMessage;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The CDR rows a real Asterisk 20 (cdr_pgsql, scripts/asterisk/cdr_pgsql.conf and the dialplan's CDR variables) wrote
 * into pbx_cdr for one answered and one abandoned call placed while no bridge listened, and what importing them must
 * give. The live run ({@link RealPbxCdrTest}) records the rows; {@link RealCdrReplayTest} loads them in the default
 * suite, so CI checks the import against what the real PBX wrote, not against the simulator's idea of it.
 */
public final class RealCdr {
  /** The recorded rows, PostgreSQL COPY text format, in {@link #COLUMNS} order (test resources). */
  static final String RESOURCE = "/cdr/real/answered-and-abandoned.tsv";
  public static final String COLUMNS = "calldate, clid, src, dst, dcontext, channel, dstchannel, lastapp, lastdata, start, "
      + "answer, \"end\", duration, billsec, disposition, amaflags, accountcode, uniqueid, userfield, peeraccount, "
      + "linkedid, sequence, hotline_prefecture, hotline_queue, hotline_member, hotline_unanswered, hotline_recording, "
      + "hotline_lang, hotline_danger, hotline_callback, hotline_dialled, hotline_answered";
  /** Rows recorded since V285 carry one more column at the end (older recordings are loaded with {@link #COLUMNS}). */
  public static final String COLUMNS_V285 = COLUMNS + ", hotline_callback_result";

  private RealCdr() {}

  public static String dump(TestDb db) throws Exception {
    try (Connection c = db.jdbc()) {
      StringWriter out = new StringWriter();
      new CopyManager(c.unwrap(BaseConnection.class)).copyOut("copy (select " + COLUMNS_V285
          + " from pbx_cdr order by start, sequence) to stdout", out);
      return out.toString();
    }
  }

  /** Loads recorded rows, every time (and hotline_answered) moved by {@code shift}; a 1970 "no answer" stays as it is. */
  public static void load(TestDb db, String rows, Duration shift) throws Exception {
    String first = rows.lines().findFirst().orElse("");
    String columns = first.split("\t", -1).length == COLUMNS_V285.split(",").length ? COLUMNS_V285 : COLUMNS;
    try (Connection c = db.jdbc()) {
      c.setAutoCommit(false);
      c.createStatement().execute("create temp table cdr_in (like pbx_cdr) on commit drop");
      new CopyManager(c.unwrap(BaseConnection.class)).copyIn("copy cdr_in (" + columns + ") from stdin",
          new StringReader(rows));
      try (PreparedStatement ps = c.prepareStatement("insert into pbx_cdr (" + columns + ") select " + columns
          .replace("calldate,", "calldate + ?::interval,").replace(" start,", " start + ?::interval,")
          .replace("answer,", "case when answer > '1971-01-01' then answer + ?::interval else answer end,")
          .replace("\"end\",", "\"end\" + ?::interval,")
          .replace("hotline_answered", "case when hotline_answered ~ '^[0-9]+$' then (hotline_answered::bigint + ?)::text "
              + "else hotline_answered end") + " from cdr_in")) {
        for (int i = 1; i <= 4; i++) ps.setString(i, shift.toSeconds() + " seconds");
        ps.setLong(5, shift.toSeconds()); // epoch seconds (the dialplan's ${EPOCH})
        ps.executeUpdate();
      }
      c.commit();
    }
  }

  /**
   * Loads the recorded rows of a test resource moved in time so that the last call ended {@code ago} before now (they
   * were recorded on the day of the live run; the import only looks at recent rows).
   */
  public static void loadRecent(TestDb db, String resource, Duration ago) throws Exception {
    String rows;
    try (var in = RealCdr.class.getResourceAsStream(resource)) {
      rows = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    load(db, rows, Duration.ZERO);
    java.time.Instant lastEnd = java.time.LocalDateTime.parse(CallPersistenceTest.column(db, "select to_char(max(\"end\"), "
        + "'YYYY-MM-DD\"T\"HH24:MI:SS') from pbx_cdr").get(0)).toInstant(java.time.ZoneOffset.UTC);
    Duration shift = Duration.between(lastEnd, java.time.Instant.now().minus(ago)).withNanos(0);
    try (Connection c = db.jdbc()) {
      c.createStatement().execute("truncate pbx_cdr");
    }
    load(db, rows, shift);
  }

  /** Linkedids of the calls in pbx_cdr, by their first start: the answered call was placed first. */
  static List<String> calls(TestDb db) throws Exception {
    return CallPersistenceTest.column(db, "select linkedid from pbx_cdr group by linkedid order by min(start), linkedid");
  }

  /** What the import of the two calls must give (sipp caller on the Xining trunk, op1 = op-xining). */
  static void imported(TestDb db, String answered, String abandoned) throws Exception {
    assertThat(CallPersistenceTest.column(db, "select linkedid || ' ' || direction || ' ' || state || ' ' || "
        + "coalesce(operator_username, '-') || ' ' || coalesce(prefecture_code, '-') || ' ' || caller_number || ' ' || "
        + "dialled || ' ' || coalesce(queue, '-') || ' ' || coalesce(abandon_stage, '-') from calls order by started_at"))
        .containsExactly(
            answered + " INBOUND ENDED op-xining 630100 " + RealPbxScenarios.XINING_CALLER + " 12349 hotline-630100 -",
            abandoned + " INBOUND ABANDONED - 630100 " + RealPbxScenarios.XINING_CALLER + " 12349 hotline-630000 QUEUE");
    // answered by the operator after the IVR, talked until the caller hung up (sipp holds 4 s after the answer)
    assertThat(CallPersistenceTest.column(db, "select started_at < answered_at and answered_at < ended_at "
        + "and ended_at - answered_at >= interval '3 seconds' and answered_at - started_at < interval '10 seconds' "
        + "from calls where linkedid = '" + answered + "'")).containsExactly("t");
    assertThat(CallPersistenceTest.column(db, "select answered_at is null and abandoned_at = ended_at "
        + "and ended_at - started_at >= interval '2 seconds' from calls where linkedid = '" + abandoned + "'"))
        .containsExactly("t");
    assertThat(CallPersistenceTest.column(db, "select linkedid from call_timeline where type = 'FROM_PBX_CDR' "
        + "order by linkedid")).containsExactlyInAnyOrder(answered, abandoned);
  }

  /**
   * A recorded AMI message moved by {@code shift} seconds, as {@link #load} moves the CDR rows: its Timestamp and the
   * epoch seconds the dialplan put in HOTLINE_ANSWERED.
   */
  public static AmiMessage shifted(AmiMessage m, long shift) {
    AmiMessage out = m;
    if (!Double.isNaN(m.timestamp())) out = out.with("Timestamp", String.format(Locale.ROOT, "%.6f", m.timestamp() + shift));
    if (m.isEvent("VarSet") && "HOTLINE_ANSWERED".equals(m.get("Variable")) && m.get("Value").matches("\\d+")) {
      out = out.with("Value", Long.toString(Long.parseLong(m.get("Value")) + shift));
    }
    return out;
  }
}
