package cn.hotline12349.ui.cluster;

import static cn.hotline12349.ui.cluster.ClusterNode.await;
import static cn.hotline12349.ui.cluster.RealPbxClusterReplayTest.column;
import static cn.hotline12349.ui.cluster.RealPbxClusterReplayTest.endedBy;
import static cn.hotline12349.ui.cluster.RealPbxClusterReplayTest.lastIndexOf;
import static cn.hotline12349.ui.cluster.RealPbxClusterReplayTest.linkedidOf;
import static cn.hotline12349.ui.cluster.RealPbxClusterReplayTest.row;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.RealCdr;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.loopback.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fail-over of {@link RealPbxClusterTest}'s recording with node A killed earlier than in the live run: after it
 * stored call 1 as answered and before it heard call 1's end (a crash inside the write-behind's window loses the end
 * the same way). Call 1's end then happens while nobody listens; the PBX's CDR rows of the run are in pbx_cdr (AMI
 * stream and rows moved by the same whole seconds to the last minute). Node B's take-over must close call 1 with the
 * CDR's end, adopt the spanning call with its queue, import the short one: four calls, none left live.
 */
class LostEndFailOverReplayTest {
  static final Path REPO = RealPbxClusterReplayTest.REPO;

  @Test
  void callOnesEndLostWithNodeAIsTakenFromTheCdrByNodeB() throws Exception {
    List<AmiMessage> recorded = AmiTranscript.events(AmiTranscript.parse(
        Files.readString(REPO.resolve("dispatch-ui/src/test/resources/ami/real/cluster-failover.txt"))));
    double lastTs = recorded.stream().mapToDouble(AmiMessage::timestamp).filter(t -> !Double.isNaN(t)).max().orElseThrow();
    long shift = (long) Math.floor(System.currentTimeMillis() / 1000.0 - 60 - lastTs);
    List<AmiMessage> events = recorded.stream().map(m -> RealCdr.shifted(m, shift)).toList();
    String first = linkedidOf(events, RealPbxClusterTest.BEFORE);
    String spanning = linkedidOf(events, RealPbxClusterTest.GAP_SPANNING);
    String shortCall = linkedidOf(events, RealPbxClusterTest.GAP_SHORT);
    int answered = firstIndex(events, m -> m.isEvent("AgentConnect") && first.equals(m.get("Linkedid")));
    int firstHangup = firstIndex(events, m -> m.isEvent("Hangup") && first.equals(m.get("Linkedid")));
    int gapEnd = Math.max(lastIndexOf(events, shortCall), lastIndexOf(events, first));
    assertThat(answered).isLessThan(firstHangup);

    TestDb db = TestDatabase.create();
    try (LoopbackPair pair = LoopbackPair.start(db)) {
      LoopbackAmiServer pbx = pair.pbx;
      ClusterNode a = pair.a;

      Replay.backToBack().run(pbx, events.subList(0, firstHangup));
      await("call 1 stored answered by node A", () -> row(db, first), r -> r.startsWith("ANSWERED answered by op-xining"));
      a.crash(); // before call 1's end: what node A would have written next is lost

      Replay.backToBack().run(pbx, events.subList(firstHangup, gapEnd + 1)); // nobody listens
      String rows = endedBy(Files.readString(REPO.resolve("dispatch-ui/src/test/resources/cdr/real/cluster-failover.tsv")),
          List.of(first, shortCall));
      RealCdr.load(db, rows, Duration.ofSeconds(shift));
      String cdrEnd = column(db, "select max(\"end\") at time zone 'UTC' from pbx_cdr where linkedid = '" + first + "'")
          .get(0);
      assertThat(cdrEnd).isNotNull();

      String firstRow = await("call 1 closed with the CDR's end by node B", Duration.ofSeconds(30), () -> row(db, first),
          r -> r.contains("FROM_PBX_CDR") && !r.contains(" end - "));
      assertThat(firstRow).startsWith("ENDED answered by op-xining queue hotline-630100 end " + cdrEnd + " ")
          .contains("ENDED,FROM_PBX_CDR");
      assertThat(column(db, "select end_cause || ' ' || ended_during_disconnect from calls where linkedid = '" + first
          + "'")).containsExactly("CDR ANSWERED false");
      await("the short call imported", Duration.ofSeconds(30), () -> row(db, shortCall), r -> r.contains("FROM_PBX_CDR"));
      Replay.backToBack().run(pbx, events.subList(gapEnd + 1, events.size()));
      await("the spanning call ENDED with its queue", Duration.ofSeconds(30), () -> row(db, spanning),
          r -> r.startsWith("ENDED answered by op-haixi queue hotline-630000 end ") && !r.contains(" end - "));
      await("every call over", Duration.ofSeconds(30),
          () -> column(db, "select count(*) from calls where state not in ('ENDED', 'ABANDONED')"), List.of("0")::equals);
      assertThat(column(db, "select count(*) from calls where direction = 'INBOUND'")).containsExactly("4");
    }
  }

  private static int firstIndex(List<AmiMessage> events, java.util.function.Predicate<AmiMessage> p) {
    for (int i = 0; i < events.size(); i++) if (p.test(events.get(i))) return i;
    throw new AssertionError("not in the recording");
  }
}
