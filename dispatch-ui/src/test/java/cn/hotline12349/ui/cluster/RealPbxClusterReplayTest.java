package cn.hotline12349.ui.cluster;

import static cn.hotline12349.ui.cluster.ClusterNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.RealCdr;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.loopback.Replay;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link RealPbxClusterTest}'s run replayed in the default suite: the AMI stream the real Asterisk wrote
 * (ami/real/cluster-failover.txt) through the loopback PBX to two clustered nodes, node A crashed where it died in the
 * real run, the events of the gap written while nobody listens, the PBX's CDR rows of that run
 * (cdr/real/cluster-failover.tsv) in pbx_cdr; same expectations as the live run.
 */
class RealPbxClusterReplayTest {
  static final Path REPO = Path.of(System.getProperty("hotline.repo.root", ".."));

  @Test
  void theRecordedFailOverGivesTheSameCallsOnce() throws Exception {
    List<AmiMessage> events = AmiTranscript.events(AmiTranscript.parse(
        Files.readString(REPO.resolve("dispatch-ui/src/test/resources/ami/real/cluster-failover.txt"))));
    String first = linkedidOf(events, RealPbxClusterTest.BEFORE);
    String spanning = linkedidOf(events, RealPbxClusterTest.GAP_SPANNING);
    String shortCall = linkedidOf(events, RealPbxClusterTest.GAP_SHORT);
    String last = linkedidOf(events, RealPbxClusterTest.AFTER);
    int firstEnd = lastIndexOf(events, first);
    int gapEnd = lastIndexOf(events, shortCall); // the short call ended before node B took the PBX over

    TestDb db = TestDatabase.create();
    try (LoopbackPair pair = LoopbackPair.start(db)) {
      LoopbackAmiServer pbx = pair.pbx;
      ClusterNode a = pair.a;
      ClusterNode b = pair.b;
      List<JsonObject> popsOnB = b.stream("op-xining");

      Replay.backToBack().run(pbx, events.subList(0, firstEnd + 1));
      await("the pop of the first call on node B", () -> pops(popsOnB, first), l -> !l.isEmpty());
      await("call 1 stored ENDED by node A", () -> row(db, first), r -> r.startsWith("ENDED") && !r.contains(" end - "));

      a.crash();
      Replay.backToBack().run(pbx, events.subList(firstEnd + 1, gapEnd + 1)); // nobody listens
      // the CDR rows the real PBX had written by then (calls ended before the take-over), moved to a minute ago
      String rows = endedBy(Files.readString(REPO.resolve("dispatch-ui/src/test/resources/cdr/real/cluster-failover.tsv")),
          List.of(first, shortCall));
      assertThat(rows.lines().count()).as("CDR rows of call 1 and the short call").isEqualTo(3);
      RealCdr.load(db, rows, Duration.between(lastEnd(rows), Instant.now().minusSeconds(60)));
      assertThat(pbx.awaitLogins(2, 15, TimeUnit.SECONDS)).as("node-b logs in to the PBX").isTrue();
      await("node-b reconciled the spanning call and imported the short one", Duration.ofSeconds(20),
          () -> row(db, spanning) + "|" + row(db, shortCall), r -> r.contains("SEEN_AFTER_RECONNECT")
              && r.contains("FROM_PBX_CDR"));
      Replay.backToBack().run(pbx, events.subList(gapEnd + 1, events.size()));
      await("the pop of the last call on node B", () -> pops(popsOnB, last), l -> !l.isEmpty());

      for (String id : List.of(first, last)) {
        await("call " + id + " ENDED, answered in Xining", () -> row(db, id),
            r -> !r.contains(" end - ") && r.startsWith("ENDED answered by op-xining queue hotline-630100"));
      }
      String spanningRow = await("the spanning call ENDED", () -> row(db, spanning),
          r -> !r.contains(" end - ") && r.startsWith("ENDED"));
      assertThat(spanningRow).matches("ENDED answered by op-(xining|haixi) queue hotline-630000 .*")
          .contains("SEEN_AFTER_RECONNECT")
          .doesNotContain("FROM_PBX_CDR");
      assertThat(row(db, shortCall)).doesNotContain(" end - ").contains("FROM_PBX_CDR")
          .matches("(ENDED answered by op-(xining|haixi)|ABANDONED unanswered) queue hotline-630000 .*");
      assertThat(column(db, "select count(*) from calls where direction = 'INBOUND'")).containsExactly("4");
      assertThat(column(db, "select count(*) from call_timeline t where t.type = 'ENDED' group by t.linkedid "
          + "having count(*) > 1")).as("no call ended twice").isEmpty();
      assertThat(pops(popsOnB, first)).as("popped once").hasSize(1);
    }
  }

  static String linkedidOf(List<AmiMessage> events, String caller) {
    return events.stream().filter(e -> e.isEvent("Newchannel") && caller.equals(e.get("CallerIDNum")))
        .map(e -> e.get("Linkedid")).findFirst().orElseThrow(() -> new AssertionError("no call from " + caller));
  }

  static int lastIndexOf(List<AmiMessage> events, String linkedid) {
    for (int i = events.size() - 1; i >= 0; i--) if (linkedid.equals(events.get(i).get("Linkedid"))) return i;
    throw new AssertionError(linkedid);
  }

  /** The recorded rows (COPY text) of these calls only. */
  static String endedBy(String rows, List<String> linkedids) {
    int col = List.of(RealCdr.COLUMNS.split(",\\s*")).indexOf("linkedid");
    return rows.lines().filter(l -> !l.isBlank() && linkedids.contains(l.split("\t", -1)[col]))
        .map(l -> l + "\n").reduce("", String::concat);
  }

  /** The latest "end" of the recorded rows (COPY text, UTC without zone). */
  static Instant lastEnd(String rows) {
    List<String> cols = List.of(RealCdr.COLUMNS.split(",\\s*"));
    int end = cols.indexOf("\"end\"");
    return rows.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1)[end])
        .map(s -> LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC)).max(Comparator.naturalOrder())
        .orElseThrow();
  }

  static String row(TestDb db, String linkedid) {
    List<String> r = column(db, "select state || case when answered_at is null then ' unanswered' else ' answered by ' "
        + "|| coalesce(operator_username, '?') end || ' queue ' || coalesce(queue, '-') || ' end ' || "
        + "coalesce(ended_at::text, '-') || ' timeline ' || (select string_agg(type, ',' order by at, id) "
        + "from call_timeline t where t.linkedid = c.linkedid) from calls c where linkedid = '" + linkedid + "'");
    return r.isEmpty() ? "" : r.get(0);
  }

  static List<String> column(TestDb db, String sql) {
    try (Connection c = db.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) out.add(rs.getString(1));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static List<JsonObject> pops(List<JsonObject> stream, String linkedid) {
    return stream.stream().filter(f -> "hotline.ui.operator.op-xining".equals(f.getString("address")))
        .map(f -> f.getJsonObject("body")).filter(body -> linkedid.equals(body.getString("callId"))).toList();
  }
}
