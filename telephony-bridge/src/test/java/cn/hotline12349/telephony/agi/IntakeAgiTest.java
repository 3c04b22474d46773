package cn.hotline12349.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.IntakeRouting;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Asterisk's side of the FastAGI dialogue (from fastagi-intake.txt) against the real Asterisk-Java AGI server. */
class IntakeAgiTest {
  static IntakeAgiServer server;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    server = new IntakeAgiServer(port, new IntakeRouting(PbxMappingLoader.load(PbxMappingLoader.configDir()),
        java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T03:00:00Z"), java.time.ZoneOffset.UTC)), 500);
    server.start();
    long end = System.currentTimeMillis() + 10_000;
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        break;
      } catch (java.io.IOException e) {
        if (System.currentTimeMillis() > end) throw e;
        Thread.sleep(20);
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void recordedCallWithNoKeysGoesToTheProvinceQueueInMandarin() throws Exception {
    var s = FastAgiSimulator.call("127.0.0.1", port, Map.of(), List.of());

    assertThat(s.variablesSet()).containsEntry("HOTLINE_PREFECTURE", "630000")
        .containsEntry("HOTLINE_QUEUE", "hotline-630000").containsEntry("HOTLINE_PRIORITY", "0")
        .containsEntry("HOTLINE_LANG", "zh").containsEntry("HOTLINE_DANGER", "0").containsEntry("INTAKE_RESULT", "ok");
    assertThat(s.commands()).anyMatch(c -> c.startsWith("GET DATA \"" + IntakeAgiScript.LANGUAGE_PROMPT + "\""));
    // pressing nothing routes after one timeout: the danger question is not asked
    assertThat(s.commands()).noneMatch(c -> c.contains(IntakeAgiScript.DANGER_PROMPT));
    // 03:00 UTC is 11:00 in the configured zone (Asia/Shanghai): day service
    assertThat(s.variablesSet()).containsEntry("HOTLINE_NIGHT", "0");
  }

  @Test
  void withoutPromptFilesTheKeysAreStillWaitedFor() throws Exception {
    // a real Asterisk 20 answers GET DATA with -1 at once when the prompt is missing: the script waits for the key
    var s = FastAgiSimulator.call("127.0.0.1", port,
        Map.of("agi_channel", "PJSIP/trunk-haixi-test-00000003"), List.of("1", "9"), false);
    assertThat(s.commands()).contains("WAIT FOR DIGIT 500");
    assertThat(s.variablesSet()).containsEntry("HOTLINE_DANGER", "1").containsEntry("HOTLINE_PRIORITY", "10")
        .containsEntry("HOTLINE_PREFECTURE", "632800");
    var none = FastAgiSimulator.call("127.0.0.1", port, Map.of(), List.of(), false);
    assertThat(none.commands()).filteredOn(c -> c.startsWith("WAIT FOR DIGIT")).hasSize(1); // one timeout only
    assertThat(none.variablesSet()).containsEntry("HOTLINE_DANGER", "0");
  }

  @Test
  void theDigitTimeoutComesFromTheMapping() throws Exception {
    var m = PbxMappingLoader.load(PbxMappingLoader.configDir());
    assertThat(m.ivr().digitTimeout()).isEqualTo(3000L);
    var s = FastAgiSimulator.call("127.0.0.1", port, Map.of(), List.of());
    assertThat(s.commands()).filteredOn(c -> c.startsWith("GET DATA")).first()
        .isEqualTo("GET DATA \"" + IntakeAgiScript.LANGUAGE_PROMPT + "\" 500 1");
    // the prefecture is set before the first key is waited for (a hang-up in the menu stays in its prefecture)
    assertThat(s.commands().get(0)).startsWith("SET VARIABLE \"HOTLINE_PREFECTURE\"");
  }

  @Test
  void prefectureTrunkAndDangerKeyRaiseThePriority() throws Exception {
    var s = FastAgiSimulator.call("127.0.0.1", port,
        Map.of("agi_channel", "PJSIP/trunk-golog-0000001a", "agi_callerid", "13800000000"), List.of("1", "9"));

    assertThat(s.variablesSet()).containsEntry("HOTLINE_PREFECTURE", "632600")
        .containsEntry("HOTLINE_QUEUE", "hotline-632600").containsEntry("HOTLINE_PRIORITY", "10")
        .containsEntry("HOTLINE_DANGER", "1").containsEntry("HOTLINE_LANG", "zh");
  }

  @Test
  void areaCodeDecidesWithoutTrunkAndTibetanGoesToTheProvincialCentre() throws Exception {
    var s = FastAgiSimulator.call("127.0.0.1", port,
        Map.of("agi_channel", "PJSIP/carrier-00000007", "agi_callerid", "09778212345"), List.of("2"));

    assertThat(s.variablesSet()).containsEntry("HOTLINE_PREFECTURE", "632800")
        .containsEntry("HOTLINE_LANG", "bo").containsEntry("HOTLINE_QUEUE", "hotline-630000")
        .containsEntry("HOTLINE_DANGER", "0");
  }

  @Test
  void concurrentCallsEachGetTheirOwnDecision() throws Exception {
    var golmud = new java.util.concurrent.CompletableFuture<FastAgiSimulator.Session>();
    var xining = new java.util.concurrent.CompletableFuture<FastAgiSimulator.Session>();
    Thread a = new Thread(() -> run(golmud, Map.of("agi_callerid", "0979-8412345"), List.of("3", "9")));
    Thread b = new Thread(() -> run(xining, Map.of("agi_callerid", "+86 971 6123456"), List.of("1")));
    a.start();
    b.start();
    assertThat(golmud.get().variablesSet()).containsEntry("HOTLINE_PREFECTURE", "632800")
        .containsEntry("HOTLINE_LANG", "mn").containsEntry("HOTLINE_PRIORITY", "10");
    assertThat(xining.get().variablesSet()).containsEntry("HOTLINE_PREFECTURE", "630100")
        .containsEntry("HOTLINE_QUEUE", "hotline-630100").containsEntry("HOTLINE_PRIORITY", "0");
  }

  private static void run(java.util.concurrent.CompletableFuture<FastAgiSimulator.Session> f, Map<String, String> env,
      List<String> digits) {
    try {
      f.complete(FastAgiSimulator.call("127.0.0.1", port, env, digits));
    } catch (Exception e) {
      f.completeExceptionally(e);
    }
  }
}
