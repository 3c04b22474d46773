package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallState;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
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

/** The recorded Asterisk 20 sessions replayed through the loopback PBX into Asterisk-Java and the bridge. */
@ExtendWith(VertxExtension.class)
class AmiReplayTest {
  static final List<AmiMessage> FIVE = AmiTranscript.loadEvents(AmiTranscript.FIVE_ANSWERED);
  static final List<AmiMessage> ABANDONED = AmiTranscript.loadEvents(AmiTranscript.ABANDONED);

  static List<Call> replay(Vertx vertx, List<AmiMessage> events, Replay replay, int expectedCalls) throws Exception {
    try (BridgeHarness h = BridgeHarness.start(vertx, null, null)) {
      replay.run(h.pbx, events);
      return h.awaitCalls(calls -> calls.size() >= expectedCalls && BridgeHarness.allEnded(calls))
          .stream().sorted(Comparator.comparing(Call::linkedid)).toList();
    }
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void fiveAnsweredCallsGiveFiveAnsweredRecordsWithOperatorsAndDurations(Vertx vertx, VertxTestContext t) throws Exception {
    List<Call> calls = replay(vertx, FIVE, Replay.backToBack(), 5);

    assertThat(calls).hasSize(5);
    assertThat(calls).allSatisfy(c -> {
      assertThat(c.state()).isEqualTo(CallState.ENDED);
      assertThat(c.answeredAt()).isNotNull();
      assertThat(c.queue()).isEqualTo("hotline");
      assertThat(c.endCause()).isEqualTo("16 Normal Clearing");
      assertThat(c.callerNumber()).isEqualTo("sipp");
    });
    assertThat(calls).extracting(Call::linkedid)
        .containsExactly("1795432606.0", "1795432607.3", "1795432608.6", "1795432609.9", "1795432610.12");
    assertThat(calls).extracting(Call::operatorInterface).containsExactly("Local/1001@queue-agents/n",
        "Local/1002@queue-agents/n", "Local/1001@queue-agents/n", "Local/1002@queue-agents/n", "Local/1001@queue-agents/n");
    assertThat(calls).extracting(Call::operatorName)
        .containsExactly("Agent One", "Agent Two", "Agent One", "Agent Two", "Agent One");
    // AgentConnect -> caller's Hangup, read off the transcript's Timestamp headers
    assertThat(calls).extracting(c -> c.talkTime().toMillis()).containsExactly(303L, 300L, 299L, 300L, 302L);
    // first Newchannel -> caller's Hangup
    assertThat(calls).extracting(c -> c.totalTime().toMillis()).containsExactly(812L, 810L, 808L, 807L, 808L);
    t.completeNow();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void abandonedCallIsAbandonedWithItsWaitTime(Vertx vertx, VertxTestContext t) throws Exception {
    List<Call> calls = replay(vertx, ABANDONED, Replay.backToBack(), 1);

    assertThat(calls).hasSize(1);
    Call c = calls.get(0);
    assertThat(c.state()).isEqualTo(CallState.ABANDONED);
    assertThat(c.answeredAt()).isNull();
    assertThat(c.queue()).isEqualTo("hotline");
    assertThat(c.holdSeconds()).isEqualTo(1);
    assertThat(c.waitTime().toMillis()).isEqualTo(1503L); // QueueCallerJoin 644.418359 -> Abandon 645.922085
    assertThat(c.endedAt()).isNotNull();
    t.completeNow();
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  void duplicatedAndReorderedEventsGiveTheSameRecords(Vertx vertx, VertxTestContext t) throws Exception {
    List<Call> straight = replay(vertx, FIVE, Replay.backToBack(), 5);
    List<Call> doubled = replay(vertx, FIVE, Replay.backToBack().duplicateEvents(), 5);
    List<Call> shuffled = replay(vertx, FIVE, Replay.backToBack().reorderWithin(25, 7), 5);
    List<Call> both = replay(vertx, FIVE, Replay.backToBack().reorderWithin(40, 11).duplicateEvents(), 5);

    assertThat(doubled).isEqualTo(straight);
    assertThat(shuffled).isEqualTo(straight);
    assertThat(both).isEqualTo(straight);
    t.completeNow();
  }
}
