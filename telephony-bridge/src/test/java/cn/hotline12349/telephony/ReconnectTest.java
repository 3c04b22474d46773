package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallState;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.Replay;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The AMI link breaks while call 3 is being answered; call 3 ends and call 4 is answered while the
 * bridge is away (those events are lost, as with a real Asterisk); the link comes back.
 */
@ExtendWith(VertxExtension.class)
class ReconnectTest {
  static int indexOf(List<AmiMessage> events, String type, String linkedid) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).isEvent(type) && linkedid.equals(events.get(i).get("Linkedid"))) return i;
    }
    throw new IllegalArgumentException(type + " " + linkedid);
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void droppedMidCallAndRestoredGivesCorrectRecords(Vertx vertx, VertxTestContext t) throws Exception {
    List<AmiMessage> ev = AmiReplayTest.FIVE;
    int drop = indexOf(ev, "AgentConnect", "1795432608.6") + 1;
    int back = indexOf(ev, "AgentConnect", "1795432609.9") + 1;
    try (BridgeHarness h = BridgeHarness.start(vertx, null, null)) {
      // The first resync (after the login) must be done before the link breaks: on a loaded machine it was still
      // waiting for its CoreShowChannels answer at the drop, failed ("state RECONNECTING"), and only one resync was
      // ever counted (the failure seen 3 times in 30 runs under load).
      long first = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (h.bridge.resyncs() < 1 && System.nanoTime() < first) Thread.sleep(10);
      assertThat(h.bridge.resyncs()).isEqualTo(1);
      h.awaitCalls(c -> true);
      Replay.backToBack().run(h.pbx, ev.subList(0, drop));
      h.awaitCalls(calls -> calls.stream().anyMatch(c -> c.linkedid().equals("1795432608.6") && c.answeredAt() != null));

      // Held down while the lost events are played: Asterisk-Java reconnects 50 ms after a drop, and on a loaded
      // machine a plain drop let it back in mid-replay to hear some of them (call 3 then ended normally).
      h.pbx.linkDown();
      Replay.backToBack().run(h.pbx, ev.subList(drop, back)); // nobody hears these
      h.pbx.linkUp();
      assertThat(h.pbx.awaitLogins(2, 20, TimeUnit.SECONDS)).isTrue();
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (h.bridge.resyncs() < 2 && System.nanoTime() < end) Thread.sleep(10);
      assertThat(h.bridge.resyncs()).isEqualTo(2);

      Replay.backToBack().run(h.pbx, ev.subList(back, ev.size()));
      List<Call> calls = h.awaitCalls(cs -> cs.size() == 5 && BridgeHarness.allEnded(cs))
          .stream().sorted(Comparator.comparing(Call::linkedid)).toList();

      assertThat(calls).extracting(Call::linkedid)
          .containsExactly("1795432606.0", "1795432607.3", "1795432608.6", "1795432609.9", "1795432610.12");
      Call third = calls.get(2);
      assertThat(third.state()).isEqualTo(CallState.ENDED);
      assertThat(third.endedDuringDisconnect()).isTrue();
      assertThat(third.endCause()).isEqualTo(Call.CAUSE_PBX_DISCONNECT);
      assertThat(third.endedAt()).isNull();
      assertThat(third.operatorInterface()).isEqualTo("Local/1001@queue-agents/n");

      Call fourth = calls.get(3); // first seen in CoreShowChannels, its hang-up seen live
      assertThat(fourth.state()).isEqualTo(CallState.ENDED);
      assertThat(fourth.endedDuringDisconnect()).isFalse();
      assertThat(fourth.endedAt()).isNotNull();
      assertThat(fourth.callerNumber()).isEqualTo("sipp");

      for (int i : new int[] {0, 1, 4}) {
        assertThat(calls.get(i).endedDuringDisconnect()).isFalse();
        assertThat(calls.get(i).answeredAt()).isNotNull();
        assertThat(calls.get(i).endCause()).isEqualTo("16 Normal Clearing");
      }
      assertThat(h.pbx.received("CoreShowChannels")).hasSize(2);
      assertThat(h.pbx.received("QueueStatus")).hasSize(2);
    }
    t.completeNow();
  }
}
