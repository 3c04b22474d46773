package cn.hotline12349.ui.cluster;

import static cn.hotline12349.ui.cluster.ClusterNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.AmiRecorder;
import cn.hotline12349.telephony.RealPbx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two clustered app nodes over one PostgreSQL and a REAL Asterisk 20 (docs/telephony.md "Two nodes against the real
 * PBX"): node A owns the AMI connection and the FastAGI listener, a sipp call answered by op1 pops on node B; node A
 * dies (its Vert.x closed, the lease left to run out); calls placed meanwhile, and one after node B took the PBX over,
 * are each stored once with the right state. cdr_pgsql writes into the same database, so a call that both began and
 * ended while nobody held the PBX is imported from the CDR by the new owner. Production lease timings (TTL 6 s, renew
 * 2 s). Runs only with {@code -Preal-pbx} and AST_HOME; under {@code flock /tmp/realpbx.lock} on a shared machine.
 */
@Tag("real-pbx")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealPbxClusterTest {
  static final Path REPO = RealPbx.REPO;
  static final String XINING_TRUNK = "127.0.0.2";
  static final String HAIXI_TRUNK = "127.0.0.3";
  static final String BEFORE = "13909710201";
  static final String GAP_SHORT = "13909710202";
  static final String GAP_SPANNING = "13997710203";
  static final String AFTER = "13909710204";
  // night service (provincial queue) for one minute six hours away: the calls go to their prefecture's queue whenever
  // the suite runs
  static final java.time.LocalTime NIGHT = java.time.LocalTime.now(java.time.ZoneId.of("Asia/Shanghai")).plusHours(6);
  static final java.time.format.DateTimeFormatter HM = java.time.format.DateTimeFormatter.ofPattern("HH:mm");

  RealPbx pbx;
  TestDb db;
  Path config;
  ClusterNode a;
  ClusterNode b;
  AmiRecorder recorder;
  final List<String> results = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    pbx = RealPbx.fromEnv(REPO);
    db = TestDatabase.create();
    pbx.boot(Map.of("PREFECTURE_WAIT", "6", "PROVINCE_WAIT", "8"), db, RealPbx.OP1, RealPbx.OP2);
    pbx.clearQueues();
    config = suiteConfig();
    Map<String, String> env = Map.of("HOTLINE_AMI_HOST", "127.0.0.1", "HOTLINE_AMI_PORT", "5038",
        "HOTLINE_AMI_USER", "hotline", "HOTLINE_AMI_SECRET", "change-me-long-random", "HOTLINE_AGI_PORT", "4573",
        "HOTLINE_PBX_LEASE_TTL_MS", "6000", "HOTLINE_PBX_LEASE_RENEW_MS", "2000");
    int pa = ClusterNode.freePort();
    int pb = ClusterNode.freePort();
    a = ClusterNode.start("node-a", pa, List.of(pa, pb), db.config(), Clock.systemUTC(), env, config);
    await("node-a holds the real PBX", Duration.ofSeconds(30), () -> a.health(),
        h -> "CONNECTED".equals(h.getJsonObject("pbx").getString("status")));
    b = ClusterNode.start("node-b", pb, List.of(pa, pb), db.config(), Clock.systemUTC(), env, config);
    await("node-b sees node-a as the owner", () -> b.app.services().pbx().owner(), "node-a"::equals);
    Path transcripts = REPO.resolve("dispatch-ui/src/test/resources/ami/real");
    Files.createDirectories(transcripts);
    recorder = AmiRecorder.start(transcripts.resolve("cluster-failover.txt"));
  }

  @AfterAll
  void stop() throws Exception {
    try {
      RealPbx.writeResults("dispatch-ui", "real-pbx-cluster-results.txt", results);
    } finally {
      if (recorder != null) recorder.close();
      if (b != null) b.close();
      if (a != null) a.close();
      if (pbx != null) pbx.close();
      if (config != null) {
        try (Stream<Path> files = Files.walk(config)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  @Test
  void theOwnerDiesTheOtherTakesTheRealPbxOverAndEveryCallIsStoredOnce() throws Exception {
    assertThat(hotlineSessions()).as("only the owner is logged in to the AMI").isEqualTo(1);
    // the operators log in on node B: the queue actions reach the PBX through node A
    for (String op : List.of("op-xining", "op-haixi")) {
      HttpResponse<String> r = b.post(op, "/api/queue/login", null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }
    assertThat(pbx.cli("queue show hotline-630100")).contains("PJSIP/op1");
    assertThat(pbx.cli("queue show hotline-632800")).contains("PJSIP/op2");
    // While nobody holds the PBX the FastAGI intake is down too: the dialplan's fallback queues such calls in the
    // provincial queue (extensions.conf), where both phones also take calls, as the provincial centre's would.
    pbx.cli("queue add member PJSIP/op1 to hotline-630000 penalty 0 as op-xining");
    pbx.cli("queue add member PJSIP/op2 to hotline-630000 penalty 0 as op-haixi");
    List<JsonObject> popsOnB = b.stream("op-xining");

    // 1. answered while node A owns the PBX: the pop crosses to node B
    long t0 = System.nanoTime();
    assertThat(pbx.call(XINING_TRUNK, "uac.xml", BEFORE, 5_000, 1, 1, List.of())).isZero();
    String first = linkedid(BEFORE);
    JsonObject pop = await("the pop of the first call on node B", () -> pops(popsOnB, first), l -> !l.isEmpty()).get(0);
    assertThat(pop.getString("callerNumber")).isEqualTo(BEFORE);
    results.add("call 1 (node-a owner): pop on node-b " + ms(t0) + " ms after sipp started");
    // node A dies after it stored the end (a crash within the write-behind's 100 ms would leave the end to node B's
    // reconciliation: ENDED during the disconnect, without an end time)
    results.add("call 1 stored by node-a: " + await("call 1 stored ENDED by node A", () -> row(first),
        r -> r.startsWith("ENDED") && !r.contains(" end - ")));

    // 2. node A dies; two calls are placed in the gap: one still talking when node B takes over, and a short one.
    // Both land in the provincial queue (the intake is down), where op2 is the only phone free: op1 is in its 10 s
    // wrap-up after call 1, which outlasts the queue's 8 s wait (PROVINCE_WAIT) of whoever queues second. Which caller
    // queued first was left to two sipp processes started together, and when the short call won, the spanning call
    // timed out unanswered (queue_log: EXITWITHTIMEOUT 1|2|8 one second before op1's wrap-up ended). So the spanning
    // call is placed first and the short one only once the spanning call is in Queue(): the spanning call gets op2, the
    // short one waits with nobody free and gives up after 2 s, before node B can take over (the lease runs 4-6 s).
    long died = System.nanoTime();
    a.crash();
    Process spanning = pbx.callAsync(HAIXI_TRUNK, "uac.xml", GAP_SPANNING, 14_000, List.of());
    await("the spanning call in the provincial queue", Duration.ofSeconds(10), this::queueChannels,
        l -> l.stream().anyMatch(c -> c.startsWith("PJSIP/trunk-haixi")));
    results.add("spanning call in Queue() " + ms(died) + " ms after node-a's Vert.x was closed");
    Process shortCall = pbx.callAsync(XINING_TRUNK, "uac.xml", GAP_SHORT, 2_000, List.of());
    await("node-b holds the PBX", Duration.ofSeconds(15), () -> b.health().getJsonObject("pbx"),
        p -> "CONNECTED".equals(p.getString("status")) && "OWNER".equals(p.getJsonObject("cluster").getString("role")));
    long tookMs = ms(died);
    results.add("take-over: node-b CONNECTED as OWNER " + tookMs + " ms after node-a's Vert.x was closed; short gap "
        + "call still running then: " + shortCall.isAlive() + ", spanning call: " + spanning.isAlive());
    assertThat(tookMs).as("take-over time").isLessThan(10_000);
    assertThat(hotlineSessions()).as("one AMI session again, node-b's").isEqualTo(1);
    assertThat(shortCall.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(spanning.waitFor(60, TimeUnit.SECONDS)).isTrue();

    // 3. a call after the take-over, popped on node B (now local)
    long t3 = System.nanoTime();
    assertThat(pbx.call(XINING_TRUNK, "uac.xml", AFTER, 5_000, 1, 1, List.of())).isZero();
    String last = linkedid(AFTER);
    await("the pop of the last call on node B", () -> pops(popsOnB, last), l -> !l.isEmpty());
    results.add("call 4 (node-b owner): pop on node-b " + ms(t3) + " ms after sipp started");

    for (String number : List.of(BEFORE, AFTER)) {
      String id = linkedid(number);
      results.add(number + ": " + await("call from " + number + " ENDED, answered in Xining", Duration.ofSeconds(60),
          () -> row(id), r -> !r.contains(" end - ") && r.startsWith("ENDED answered by op-xining queue hotline-630100")));
    }
    // Still talking when node B took over: found in the PBX's channel list by node B's resync, ended live on node B.
    // (With the FastAGI intake down too, the dialplan's fallback queued it in the provincial queue.)
    String spanningId = linkedid(GAP_SPANNING);
    String spanningRow = await("the spanning call ENDED", Duration.ofSeconds(60), () -> row(spanningId),
        r -> !r.contains(" end - ") && r.startsWith("ENDED"));
    results.add(GAP_SPANNING + ": " + spanningRow);
    // It joined the queue while nobody listened: node B's resync read its queue and operator from the caller's channel
    // (Getvar of app_queue's QUEUENAME, MEMBERINTERFACE).
    assertThat(spanningRow).matches("ENDED answered by op-haixi queue hotline-630000 .*")
        .contains("SEEN_AFTER_RECONNECT")
        .doesNotContain("FROM_PBX_CDR");
    // Began and ended while no node held the PBX: only the CDR knows it; imported once by the new owner. No phone was
    // free (op1 in wrap-up after call 1, op2 on the spanning call): given up in the queue, owed a callback.
    String shortId = linkedid(GAP_SHORT);
    String shortRow = await("the short gap call imported from the CDR", Duration.ofSeconds(60), () -> row(shortId),
        r -> r.contains("FROM_PBX_CDR"));
    results.add(GAP_SHORT + ": " + shortRow);
    assertThat(shortRow).doesNotContain(" end - ")
        .matches("ABANDONED unanswered queue hotline-630000 .*");
    assertThat(column("select count(*) from calls where direction = 'INBOUND'")).containsExactly("4");
    assertThat(column("select count(distinct linkedid) from calls")).containsExactly("4");
    assertThat(column("select count(*) from call_timeline t join calls c using (linkedid) where t.type = 'ENDED' "
        + "group by c.linkedid having count(*) > 1")).as("no call ended twice").isEmpty();
    assertThat(pops(popsOnB, first)).as("popped once").hasSize(1);
    // the PBX's CDR rows of this run, next to its AMI transcript, for a replay of the same calls
    Path cdr = REPO.resolve("dispatch-ui/src/test/resources/cdr/real/cluster-failover.tsv");
    Files.createDirectories(cdr.getParent());
    Files.writeString(cdr, cn.hotline12349.telephony.RealCdr.dump(db));
  }

  // ---- helpers ----

  /** The repo's config dir with pbx-mapping.yaml's members pointing at the suite's sipp phones, IVR key wait 1.5 s. */
  static Path suiteConfig() throws Exception {
    Path src = ConfigDir.resolve();
    Path dir = Files.createTempDirectory("hotline-real-pbx-config");
    try (Stream<Path> files = Files.walk(src)) {
      for (Path p : files.toList()) {
        Path to = dir.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
    Path mapping = dir.resolve("pbx-mapping.yaml");
    String yaml = Files.readString(mapping);
    String edited = yaml.replace("  \"PJSIP/8001\": \"op-xining\"", "  \"PJSIP/op1\": \"op-xining\"")
        .replace("  \"PJSIP/8002\": \"op-haixi\"", "  \"PJSIP/op2\": \"op-haixi\"")
        .replaceAll("(?m)^  digitTimeoutMs: \\d+", "  digitTimeoutMs: 1500")
        .replaceAll("(?m)^  from: \"[0-9:]+\"", "  from: \"" + NIGHT.format(HM) + "\"")
        .replaceAll("(?m)^  until: \"[0-9:]+\"", "  until: \"" + NIGHT.plusMinutes(1).format(HM) + "\"");
    if (!edited.contains("PJSIP/op1") || !edited.contains("digitTimeoutMs: 1500")
        || !edited.contains("until: \"" + NIGHT.plusMinutes(1).format(HM))) {
      throw new IllegalStateException("pbx-mapping.yaml changed shape: members/ivr not found");
    }
    Files.writeString(mapping, edited);
    return dir;
  }

  /** The project's cdr_pgsql.conf pointed at the test database and the CDR login (times in UTC). */
  /** AMI sessions of the application's user ("hotline"), from Asterisk's own list. */
  private int hotlineSessions() throws Exception {
    return (int) pbx.cli("manager show connected").lines().map(String::trim).filter(l -> l.startsWith("hotline ")).count();
  }

  /** Channels whose dialplan application is Queue() now (waiting, or bridged to a member), from the PBX itself. */
  private List<String> queueChannels() {
    try {
      return pbx.cli("core show channels concise").lines().map(l -> l.split("!", -1))
          .filter(f -> f.length > 5 && "Queue".equals(f[5])).map(f -> f[0]).toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String linkedid(String caller) {
    return await("a call from " + caller + " stored", Duration.ofSeconds(60),
        () -> column("select linkedid from calls where caller_number = '" + caller + "'"), l -> l.size() == 1).get(0);
  }

  private String row(String linkedid) {
    List<String> r = column("select state || case when answered_at is null then ' unanswered' else ' answered by ' || "
        + "coalesce(operator_username, '?') end || ' queue ' || coalesce(queue, '-') || ' start ' || started_at || "
        + "' end ' || coalesce(ended_at::text, '-') || ' timeline ' || (select string_agg(type, ',' order by at, id) "
        + "from call_timeline t where t.linkedid = c.linkedid) from calls c where linkedid = '" + linkedid + "'");
    return r.isEmpty() ? "" : r.get(0);
  }

  private List<String> column(String sql) {
    try (Connection c = db.jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) out.add(rs.getString(1));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static List<JsonObject> pops(List<JsonObject> stream, String linkedid) {
    return stream.stream().filter(f -> "hotline.ui.operator.op-xining".equals(f.getString("address")))
        .map(f -> f.getJsonObject("body")).filter(body -> linkedid.equals(body.getString("callId"))).toList();
  }

  private static long ms(long since) { return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since); }
}
