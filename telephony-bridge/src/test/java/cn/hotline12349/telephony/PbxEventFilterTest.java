package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.ami.AmiConfig;
import cn.hotline12349.telephony.ami.AmiEventMapper;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bridge asks the PBX for its event filter after login (the loopback PBX applies it as Asterisk 20.20.1 does): the
 * PBX then sends only what the bridge reads, and the call comes out the same as when the PBX refuses the filter (a
 * manager user without write = system) and sends everything.
 */
@ExtendWith(VertxExtension.class)
class PbxEventFilterTest {
  static final String ANSWERED = "/ami/real/answered.txt";

  @Test
  void theFilteredBridgeGetsOnlyWhatItReadsAndTheSameCall(Vertx vertx) throws Exception {
    List<AmiMessage> events = AmiTranscript.loadEvents(ANSWERED);
    long wanted = events.stream().filter(e -> AmiEventMapper.wants(attributes(e))).count();
    Result filtered = run(vertx, events, true);
    Result refused = run(vertx, events, false);
    assertThat(filtered.filter).isEqualTo("SESSION");
    assertThat(filtered.received).isEqualTo(wanted);
    assertThat(refused.filter).isEqualTo("REFUSED: Permission denied");
    assertThat(refused.received).isEqualTo(events.size());
    assertThat(wanted).isLessThan(events.size() / 5);
    RealPbxScenarios.answered(filtered.calls);
    assertThat(filtered.calls).isEqualTo(refused.calls);
  }

  record Result(String filter, long received, List<Call> calls) {}

  private static Result run(Vertx vertx, List<AmiMessage> events, boolean permitted) throws Exception {
    try (LoopbackAmiServer pbx = new LoopbackAmiServer(0, "hotline", "s3cret")) {
      pbx.setFilterActionPermitted(permitted);
      CallBridge bridge = new CallBridge(Optional.of(new AmiConfig("127.0.0.1", pbx.port(), "hotline", "s3cret")),
          RealPbxScenarios.mapping(null), null, null, Clock.systemUTC());
      vertx.deployVerticle(bridge).await(10, TimeUnit.SECONDS);
      try {
        assertThat(pbx.awaitLogins(1, 10, TimeUnit.SECONDS)).isTrue();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (bridge.resyncs() < 1 && System.nanoTime() < end) Thread.sleep(10);
        for (AmiMessage e : events) pbx.emit(e);
        List<Call> calls = List.of();
        end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
          calls = bridge.liveCalls().await(5, TimeUnit.SECONDS);
          if (!calls.isEmpty() && BridgeHarness.allEnded(calls)) break;
          Thread.sleep(20);
        }
        Thread.sleep(200); // nothing more is on its way
        return new Result(bridge.ami().orElseThrow().pbxFilter(), bridge.ami().orElseThrow().eventsReceived(), calls);
      } finally {
        vertx.undeploy(bridge.deploymentID()).await(10, TimeUnit.SECONDS);
      }
    }
  }

  private static Map<String, Object> attributes(AmiMessage m) {
    Map<String, Object> out = new HashMap<>();
    for (AmiMessage.Field f : m.fields()) out.putIfAbsent(f.key().toLowerCase(Locale.ROOT), f.value());
    return out;
  }
}
