package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDb;
import java.util.List;

/**
 * What {@link RealPbxLostEndTest} (real Asterisk 20) and {@link RealLostEndReplayTest} (its recorded AMI stream and CDR
 * rows through the loopback PBX) must both give. The PBX owner (bridge A) stores call 1 as answered and dies before its
 * end; call 2 is placed and answered while no bridge listens; call 1 ends in the gap; bridge B takes over.
 */
final class RealLostEnd {
  static final String TRANSCRIPT = "/ami/real/lost-end.txt";
  static final String CDR = "/cdr/real/lost-end.tsv";

  private RealLostEnd() {}

  /**
   * Call 1 (its end lost with A) is closed with the end cdr_pgsql wrote, to the second, answered by op-xining in Xining's
   * queue; its trail says it was first closed without a time. Call 2 (first seen by B's resync, answered in the gap) is
   * stored with its queue, the org unit, the operator and the answer time read back from the PBX, then ended live.
   * (Its start is the resync's "now minus the channel's age": a replay, played a minute late, cannot check it against the
   * answer; the live run does.)
   */
  static void check(TestDb db, String call1, String call2) throws Exception {
    String cdrEnd = col(db, "select to_char(max(\"end\"), 'YYYY-MM-DD HH24:MI:SS') from pbx_cdr where linkedid = '"
        + call1 + "'").get(0);
    assertThat(cdrEnd).as("cdr_pgsql wrote call 1's rows").isNotNull();
    assertThat(col(db, "select state || ' ' || coalesce(to_char(ended_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), "
        + "'-') || ' ' || end_cause || ' ' || ended_during_disconnect || ' ' || coalesce(operator_username, '-') || ' ' || "
        + "coalesce(queue, '-') || ' ' || (answered_at < ended_at) from calls where linkedid = '" + call1 + "'"))
        .containsExactly("ENDED " + cdrEnd + " CDR ANSWERED false op-xining hotline-630100 true");
    assertThat(col(db, "select type || ' ' || coalesce(detail, '') from call_timeline where linkedid = '" + call1
        + "' and type in ('ENDED', 'FROM_PBX_CDR')"))
        .containsExactlyInAnyOrder("ENDED ENDED_DURING_PBX_DISCONNECT", "ENDED CDR ANSWERED", "FROM_PBX_CDR end");

    assertThat(col(db, "select state || ' ' || coalesce(queue, '-') || ' ' || coalesce(queue_position::text, '-') || ' ' "
        + "|| coalesce(prefecture_code, '-') || ' ' || coalesce(operator_username, '-') || ' ' || "
        + "(answered_at < ended_at) || ' ' || end_cause from calls where linkedid = '"
        + call2 + "'")).containsExactly("ENDED hotline-632800 1 632800 op-haixi true 16 Normal Clearing");
    assertThat(col(db, "select string_agg(type, ',' order by type) from call_timeline where linkedid = '" + call2
        + "' and type in ('SEEN_AFTER_RECONNECT', 'FROM_PBX_CDR', 'ANSWERED')")).containsExactly("ANSWERED,SEEN_AFTER_RECONNECT");
    assertThat(col(db, "select count(*) from calls where direction = 'INBOUND'")).containsExactly("2");
    assertThat(col(db, "select count(*) from calls where state not in ('ENDED', 'ABANDONED')")).as("none left live")
        .containsExactly("0");
  }

  static List<String> col(TestDb db, String sql) throws Exception {
    return CallPersistenceTest.column(db, sql);
  }
}
