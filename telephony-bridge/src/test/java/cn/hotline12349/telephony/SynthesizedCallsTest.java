package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallState;
import cn.hotline12349.core.domain.PhoneNumber;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.FeedCallsAccess;
import cn.hotline12349.telephony.loopback.Replay;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What scripts/feed-calls plays: N overlapping calls cloned from the recording, with real numbers. */
@ExtendWith(VertxExtension.class)
class SynthesizedCallsTest {
  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void twentyOverlappingCallsArriveAsTwentyRecords(Vertx vertx, VertxTestContext t) throws Exception {
    List<AmiMessage> events = FeedCallsAccess.build(20, 0.2, 1, 0.5, 5, new Random(1));
    try (BridgeHarness h = BridgeHarness.start(vertx, null, null)) {
      Replay.backToBack().run(h.pbx, events);
      List<Call> calls = h.awaitCalls(cs -> cs.size() == 20 && BridgeHarness.allEnded(cs));

      assertThat(calls.stream().filter(c -> c.state() == CallState.ABANDONED)).hasSize(4);
      assertThat(calls.stream().filter(c -> c.state() == CallState.ENDED)).hasSize(16)
          .allSatisfy(c -> assertThat(h.mapping.usernameOf(c.operatorInterface())).isPresent());
      assertThat(calls).allSatisfy(c -> {
        assertThat(PhoneNumber.normalize(c.callerNumber())).isNotNull();
        assertThat(c.prefecture()).isIn("630100", "632800");
        assertThat(c.queue()).isEqualTo("hotline-" + c.prefecture());
        assertThat(c.recording()).startsWith("hotline-" + c.prefecture());
      });
      assertThat(calls.stream().filter(c -> c.talkTime() != null).mapToLong(c -> c.talkTime().toMillis()).min()
          .orElseThrow()).isGreaterThanOrEqualTo(500);
    }
    t.completeNow();
  }
}
