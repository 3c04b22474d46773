package cn.hotline12349.telephony;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.agi.IntakeAgiServer;
import cn.hotline12349.telephony.ami.AmiEventMapper;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallState;
import cn.hotline12349.telephony.domain.IntakeRouting;
import cn.hotline12349.telephony.domain.PbxMapping;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real SIP calls (sipp) through a real Asterisk 20 running the project's configs, with the bridge, the FastAGI intake
 * server and PostgreSQL connected. Runs only with {@code -Preal-pbx} and AST_HOME (docs/telephony.md "Real-PBX
 * suite"); fails loudly without them. Each scenario writes the AMI stream it caused to
 * src/test/resources/ami/real/<scenario>.txt, which {@link RealPbxReplayTest} replays in the default suite.
 */
@Tag("real-pbx")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealPbxSuiteTest {
  static final Path REPO = RealPbx.REPO;
  static final Path TRANSCRIPTS = REPO.resolve("telephony-bridge/src/test/resources/ami/real");
  static final int PREFECTURE_WAIT = 6;
  static final int PROVINCE_WAIT = 8;
  static final String XINING_TRUNK = "127.0.0.2";
  static final String HAIXI_TRUNK = "127.0.0.3";

  RealPbx pbx;
  Vertx vertx;
  TestDb db;
  Pool pool;
  CallBridge bridge;
  IntakeAgiServer agi;
  Process child;
  final List<Callbacks.Outcome> outcomes = new CopyOnWriteArrayList<>();
  final List<String> results = new ArrayList<>();
  String ivrAbandoned;

  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  @BeforeAll
  void start() throws Exception {
    pbx = RealPbx.fromEnv(REPO);
    pbx.boot(Map.of("PREFECTURE_WAIT", Integer.toString(PREFECTURE_WAIT), "PROVINCE_WAIT",
        Integer.toString(PROVINCE_WAIT), "TRUNK_OUT", "trunk-child-test"), null);
    vertx = Vertx.vertx();
    db = TestDatabase.create();
    pool = db.pool(vertx);
    PbxMapping mapping = RealPbxScenarios.daytime();
    agi = startAgi(mapping);
    bridge = RealPbx.bridge(vertx, pool, mapping, false);
    await(() -> bridge.resyncs() >= 1, 30, "bridge logged in and resynchronized");
    bridge.callbacks().orElseThrow().addListener(outcomes::add);
    pbx.uas(RealPbx.OP1, null, 0); // op-xining
    pbx.uas(RealPbx.OP2, null, 0); // op-haixi
    Files.createDirectories(TRANSCRIPTS);
  }

  @AfterAll
  void stop() throws Exception {
    try {
      RealPbx.writeResults("telephony-bridge", "real-pbx-results.txt", results);
    } finally {
      if (agi != null) agi.close();
      if (vertx != null) vertx.close().await(20, TimeUnit.SECONDS);
      if (pbx != null) pbx.close();
    }
  }

  @Test
  @Order(1)
  void answered() throws Exception {
    members("630100", false, null);
    List<Call> calls = scenario("answered", () -> pbx.call(XINING_TRUNK, "uac.xml", RealPbxScenarios.XINING_CALLER,
        6_000, 1, 1, List.of()), 1);
    RealPbxScenarios.answered(calls);
  }

  @Test
  @Order(2)
  void dangerKey() throws Exception {
    members(null, false, "632800");
    List<Call> calls = scenario("danger-key", () -> pbx.call(HAIXI_TRUNK, "uac-keys.xml", RealPbxScenarios.HAIXI_CALLER,
        4_000, 1, 1, List.of("-key", "key1", "1", "-key", "key2", "9")), 1);
    RealPbxScenarios.dangerKey(calls);
  }

  @Test
  @Order(3)
  void abandonedInIvr() throws Exception {
    members(null, false, null);
    List<Call> calls = scenario("abandoned-ivr", () -> pbx.call(XINING_TRUNK, "uac.xml", RealPbxScenarios.XINING_CALLER,
        500, 1, 1, List.of()), 1);
    RealPbxScenarios.abandonedInIvr(calls);
    ivrAbandoned = RealPbxScenarios.only(calls).linkedid();
  }

  @Test
  @Order(4)
  void abandonedInQueue() throws Exception {
    members("630100", true, null); // Xining's only operator on a break
    List<Call> calls = scenario("abandoned-queue", () -> pbx.call(XINING_TRUNK, "uac.xml",
        RealPbxScenarios.XINING_CALLER, 5_000, 1, 1, List.of()), 1);
    RealPbxScenarios.abandonedInQueue(calls);
  }

  @Test
  @Order(5)
  void overflowWithNobodyLoggedIn() throws Exception {
    members(null, false, null);
    long t0 = System.nanoTime();
    List<Call> calls = scenario("unanswered-overflow", () -> pbx.call(XINING_TRUNK, "uac.xml",
        RealPbxScenarios.XINING_CALLER, 40_000, 1, 1, List.of()), 1);
    RealPbxScenarios.unansweredOverflow(calls, PROVINCE_WAIT);
    results.add("  unanswered call ended by the dialplan after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  @Test
  @Order(6)
  void nightServiceInTheConfiguredZone() throws Exception {
    // a night window around "now" in Asia/Shanghai: the PBX clock (UTC here) must not matter
    ZoneId zone = ZoneId.of("Asia/Shanghai");
    LocalTime now = LocalTime.now(zone);
    DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH:mm");
    PbxMapping night = RealPbxScenarios.mapping(new PbxMapping.NightService(zone.getId(),
        now.minusHours(1).format(hm), now.plusHours(1).format(hm)));
    agi.close();
    agi = startAgi(night);
    try {
      members("630100", false, "630000");
      List<Call> calls = scenario("night", () -> pbx.call(XINING_TRUNK, "uac.xml", RealPbxScenarios.XINING_CALLER,
          5_000, 1, 1, List.of()), 1);
      RealPbxScenarios.night(calls);
    } finally {
      agi.close();
      agi = startAgi(RealPbxScenarios.daytime());
    }
  }

  @Test
  @Order(7)
  void callbackTheChildAnswers() throws Exception {
    members(null, false, null);
    child = pbx.uas(5080, "uas-talk.xml", 7_000);
    try {
      List<Call> calls = callbackScenario("callback-answered");
      RealPbxScenarios.callback(calls, Callbacks.DONE);
      assertThat(outcomes.get(outcomes.size() - 1).status()).isEqualTo(Callbacks.DONE);
      assertThat(columns("select status || ' ' || talk_seconds from call_callbacks order by requested_at"))
          .containsExactly("DONE " + RealPbxScenarios.callback(calls, Callbacks.DONE).callbackResult().split(":")[1]);
    } finally {
      pbx.stopSipp(child);
    }
  }

  @Test
  @Order(8)
  void callbackTheChildDoesNotAnswer() throws Exception {
    child = pbx.uas(5080, "uas-busy.xml", 0);
    try {
      List<Call> calls = callbackScenario("callback-not-answered");
      RealPbxScenarios.callback(calls, "BUSY");
      assertThat(outcomes.get(outcomes.size() - 1).status()).isEqualTo("BUSY");
      // the IVR-abandoned call: one attempt done, one not; it is off the pending list only because of the done one
      assertThat(columns("select callback_status || ' ' || callback_attempts from calls where linkedid = '"
          + ivrAbandoned + "'")).containsExactly("DONE 2");
    } finally {
      pbx.stopSipp(child);
    }
  }

  @Test
  @Order(9)
  void pbxRestartMidCall() throws Exception {
    members("630100", false, null);
    int resyncs = bridge.resyncs();
    Process caller = pbx.callAsync(XINING_TRUNK, RealPbxScenarios.XINING_CALLER, 60_000);
    List<Call> calls = scenario("pbx-restart", () -> {
      awaitCall(c -> c.answeredAt() != null);
      pbx.restartNow();
      await(() -> bridge.resyncs() > resyncs, 60, "bridge back after the restart");
    }, 1);
    pbx.stopSipp(caller);
    RealPbxScenarios.cutByThePbx(calls);
  }

  @Test
  @Order(10)
  void kill9MidCall() throws Exception {
    members("630100", false, null);
    int resyncs = bridge.resyncs();
    Process caller = pbx.callAsync(XINING_TRUNK, RealPbxScenarios.XINING_CALLER, 60_000);
    List<Call> calls = scenario("pbx-kill9", () -> {
      awaitCall(c -> c.answeredAt() != null);
      pbx.kill9();
      pbx.start();
      await(() -> bridge.resyncs() > resyncs, 60, "bridge back after kill -9");
    }, 1);
    pbx.stopSipp(caller);
    RealPbxScenarios.cutByThePbx(calls);
    assertThat(RealPbxScenarios.only(calls).endedDuringDisconnect()).isTrue();
  }

  @Test
  @Order(11)
  void twentyCallsPerSecondForThirtySeconds() throws Exception {
    members(null, false, null);
    Set<String> before = linkedids();
    long t0 = System.nanoTime();
    long events0 = bridge.ami().orElseThrow().eventsReceived();
    int rc = pbx.call(XINING_TRUNK, "uac.xml", RealPbxScenarios.XINING_CALLER, 2_500, 600, 20, List.of());
    long sippMs = (System.nanoTime() - t0) / 1_000_000;
    List<Call> calls = awaitNew(before, cs -> RealPbxScenarios.inbound(cs).size() >= 600
        && cs.stream().allMatch(c -> c.state().terminal()), 120);
    bridge.persisted().await(10, TimeUnit.SECONDS);
    await(() -> bridge.persisted().await(5, TimeUnit.SECONDS), 30, "writes done");
    List<Call> in = RealPbxScenarios.inbound(calls);
    Map<String, Long> byStage = in.stream().collect(Collectors.groupingBy(c -> c.state() + "/" + c.abandonStage(),
        Collectors.counting()));
    results.add("load: 600 calls at 20/s, sipp rc " + rc + " in " + sippMs + " ms; records " + in.size() + " " + byStage
        + "; stored " + columns("select count(*) from calls where dialled = '12349' and started_at > now() - interval '10 minutes' "
        + "and state = 'ABANDONED'") + "; AMI events the bridge received " + (bridge.ami().orElseThrow().eventsReceived() - events0));
    assertThat(in).hasSize(600);
    assertThat(in).allSatisfy(c -> assertThat(c.state()).isEqualTo(CallState.ABANDONED));
  }

  @Test
  @Order(12)
  void blindTransferToAnotherOperator() throws Exception {
    members("630100", false, null); // op2 (op-haixi) is not in a queue: reached only by the transfer
    List<Call> calls = scenario("transfer-blind", () -> {
      Process caller = pbx.callAsync(XINING_TRUNK, RealPbxScenarios.XINING_CALLER, 9_000);
      awaitCall(c -> c.answeredAt() != null);
      String id = bridge.liveCalls().await(5, TimeUnit.SECONDS).stream()
          .filter(c -> !c.state().terminal() && c.answeredAt() != null).findFirst().orElseThrow().linkedid();
      bridge.transfer(id, Transfers.Kind.BLIND, new Transfers.Target("op-haixi", null), "op-xining")
          .await(10, TimeUnit.SECONDS);
      caller.waitFor(60, TimeUnit.SECONDS);
    }, 1);
    RealPbxScenarios.transferred(calls);
  }

  @Test
  @Order(13)
  void dangerCallerIsAnsweredBeforeOneWhoWaitedLonger() throws Exception {
    members(null, false, null); // nobody anywhere: both overflow to the province and wait
    List<Call> calls = scenario("danger-priority", () -> {
      Process first = pbx.callAsync(XINING_TRUNK, "uac.xml", RealPbxScenarios.XINING_CALLER, 20_000, List.of());
      awaitCall(c -> "hotline-630000".equals(c.queue()) && c.queuedAt() != null);
      Process danger = pbx.callAsync(HAIXI_TRUNK, "uac-keys.xml", RealPbxScenarios.HAIXI_CALLER, 6_000,
          List.of("-key", "key1", "1", "-key", "key2", "9"));
      await(() -> bridge.liveCalls().await(5, TimeUnit.SECONDS).stream().filter(c -> !c.state().terminal()
          && "hotline-630000".equals(c.queue()) && c.queuedAt() != null).count() == 2, 15, "both callers queued");
      bridge.queueControl().orElseThrow().login("op-haixi", "630000").await(10, TimeUnit.SECONDS);
      danger.waitFor(60, TimeUnit.SECONDS);
      first.waitFor(60, TimeUnit.SECONDS);
    }, 2);
    RealPbxScenarios.dangerFirst(calls);
  }

  // ---- helpers ----

  private List<Call> callbackScenario(String name) throws Exception {
    int heard = outcomes.size();
    return scenario(name, () -> {
      bridge.placeCallback("op-xining", RealPbxScenarios.CHILD, ivrAbandoned, null, "630100").await(10, TimeUnit.SECONDS);
      await(() -> outcomes.size() >= heard + 2, 60, "callback outcome"); // REQUESTED, then the outcome
    }, 0).stream().filter(c -> c.callbackId() != null).toList();
  }

  private IntakeAgiServer startAgi(PbxMapping mapping) throws Exception {
    IntakeAgiServer a = new IntakeAgiServer(4573, new IntakeRouting(mapping, Clock.systemUTC()));
    a.start();
    await(() -> a.state() == IntakeAgiServer.State.LISTENING, 10, "AGI listening: " + a.error());
    return a;
  }

  /** Runs a scenario while recording the AMI stream; returns the calls it created once all have ended. */
  private List<Call> scenario(String name, Step action, int inbound) throws Exception {
    Set<String> before = linkedids();
    long t0 = System.nanoTime();
    List<Call> calls;
    Path filteredFile = REPO.resolve("telephony-bridge/target/ami-filtered/" + name + ".txt");
    long bridgeBefore;
    long bridgeEvents;
    try (AmiRecorder rec = AmiRecorder.start(TRANSCRIPTS.resolve(name + ".txt"));
        AmiRecorder filtered = AmiRecorder.start(filteredFile, true)) {
      Thread.sleep(300);
      bridgeBefore = bridge.ami().orElseThrow().eventsReceived();
      action.run();
      calls = awaitNew(before, cs -> RealPbxScenarios.inbound(cs).size() >= inbound && !cs.isEmpty()
          && cs.stream().allMatch(c -> c.state().terminal() && (c.endedAt() != null || c.endedDuringDisconnect())), 90);
      Thread.sleep(300);
      bridgeEvents = bridge.ami().orElseThrow().eventsReceived() - bridgeBefore;
    }
    // the PBX's filter (the Filter actions on the recorder's session, manager.conf's eventfilter lines on the bridge's)
    // sends only what the bridge reads
    List<AmiMessage> all = AmiRecorder.events(TRANSCRIPTS.resolve(name + ".txt"));
    List<AmiMessage> sent = AmiRecorder.eventsAfterFilter(filteredFile);
    assertThat(sent).as("events of the filtered session the bridge does not read")
        .filteredOn(m -> !AmiEventMapper.wants(attributes(m))).isEmpty();
    assertThat(sent.size()).as("filtered vs all events").isLessThan(all.size());
    results.add(name + ": AMI events all " + all.size() + ", filtered session " + sent.size() + ", bridge received "
        + bridgeEvents + " (pbx filter " + bridge.ami().orElseThrow().pbxFilter() + ")");
    results.add(name + ": " + (System.nanoTime() - t0) / 1_000_000 + " ms, " + calls.stream()
        .map(c -> c.direction() + " " + c.state() + (c.abandonStage() == null ? "" : "/" + c.abandonStage()) + " queue "
            + c.queue() + " op " + c.operatorInterface() + " cause " + c.endCause()
            + (c.callbackResult() == null ? "" : " result " + c.callbackResult()))
        .collect(Collectors.joining("; ")));
    return calls;
  }

  private static java.util.Map<String, Object> attributes(AmiMessage m) {
    java.util.Map<String, Object> out = new java.util.HashMap<>();
    for (AmiMessage.Field f : m.fields()) out.putIfAbsent(f.key().toLowerCase(java.util.Locale.ROOT), f.value());
    return out;
  }

  private Set<String> linkedids() throws Exception {
    return bridge.liveCalls().await(5, TimeUnit.SECONDS).stream().map(Call::linkedid).collect(Collectors.toSet());
  }

  private List<Call> awaitNew(Set<String> before, Predicate<List<Call>> until, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Call> calls;
    do {
      calls = bridge.liveCalls().await(5, TimeUnit.SECONDS).stream().filter(c -> !before.contains(c.linkedid())).toList();
      if (until.test(calls)) return calls;
      Thread.sleep(100);
    } while (System.nanoTime() < end);
    throw new AssertionError("scenario did not complete; calls: " + calls);
  }

  private void awaitCall(Predicate<Call> p) throws Exception {
    await(() -> bridge.liveCalls().await(5, TimeUnit.SECONDS).stream().anyMatch(c -> !c.state().terminal() && p.test(c)),
        30, "a live call matching");
  }

  /** Operators' queue membership for the next scenario: op1 in {@code op1Org} (maybe paused), op2 in {@code op2Org}. */
  private void members(String op1Org, boolean op1Paused, String op2Org) throws Exception {
    QueueControl q = bridge.queueControl().orElseThrow();
    for (String org : List.of("630100", "632800", "630000")) {
      q.logout("op-xining", org).await(10, TimeUnit.SECONDS);
      q.logout("op-haixi", org).await(10, TimeUnit.SECONDS);
    }
    if (op1Org != null) {
      q.login("op-xining", op1Org).await(10, TimeUnit.SECONDS);
      if (op1Paused) q.pause("op-xining", op1Org, true, "break").await(10, TimeUnit.SECONDS);
    }
    if (op2Org != null) q.login("op-haixi", op2Org).await(10, TimeUnit.SECONDS);
    Thread.sleep(500);
  }

  private List<String> columns(String sql) throws Exception {
    return CallPersistenceTest.column(db, sql);
  }

  private static void await(RealPbx.Check c, int seconds, String what) throws Exception {
    RealPbx.await(c, seconds, what);
  }
}
