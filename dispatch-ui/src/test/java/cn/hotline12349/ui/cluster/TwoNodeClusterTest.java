package cn.hotline12349.ui.cluster;

import static cn.hotline12349.ui.cluster.ClusterNode.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.testing.MutableClock;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import cn.hotline12349.telephony.loopback.Replay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes in one JVM, each its own clustered Vert.x on Hazelcast (loopback), over one database and one loopback
 * Asterisk: news crosses nodes to the browsers' streams, SLA marks fire once, and the PBX fails over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterTest {
  static final List<AmiMessage> FIVE = AmiTranscript.loadEvents(AmiTranscript.FIVE_ANSWERED);
  static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
  static LoopbackAmiServer pbx;
  static ClusterNode a;
  static ClusterNode b;

  @BeforeAll
  static void start() throws Exception {
    pbx = new LoopbackAmiServer(0, "hotline", "s3cret");
    var db = TestDatabase.create().config();
    int pa = ClusterNode.freePort();
    int pb = ClusterNode.freePort();
    Map<String, String> ami = Map.of("HOTLINE_AMI_HOST", "127.0.0.1", "HOTLINE_AMI_PORT", Integer.toString(pbx.port()),
        "HOTLINE_AMI_USER", "hotline", "HOTLINE_AMI_SECRET", "s3cret");
    a = ClusterNode.start("node-a", pa, List.of(pa, pb), db, CLOCK, ami);
    await("node-a holds the PBX", () -> a.health(), h -> "CONNECTED".equals(pbxOf(h).getString("status")));
    b = ClusterNode.start("node-b", pb, List.of(pa, pb), db, CLOCK, ami);
    await("two members", () -> a.vertx.isClustered() && b.app.services().pbx().owner() != null, ok -> ok);
  }

  @AfterAll
  static void stop() throws Exception {
    if (b != null) b.close();
    if (a != null) a.close();
    if (pbx != null) pbx.close();
  }

  static JsonObject pbxOf(JsonObject health) { return health.getJsonObject("pbx"); }

  @Test
  @Order(1)
  void exactlyOneNodeHoldsThePbxAndBothSayWhich() {
    JsonObject ha = pbxOf(a.health());
    JsonObject hb = pbxOf(b.health());
    assertThat(ha.getJsonObject("cluster").getString("role")).isEqualTo("OWNER");
    assertThat(hb.getJsonObject("cluster").getString("role")).isEqualTo("STANDBY");
    assertThat(hb.getString("status")).isEqualTo("STANDBY");
    assertThat(hb.getJsonObject("cluster").getLong("epoch")).isEqualTo(ha.getJsonObject("cluster").getLong("epoch"));
    assertThat(ha.getJsonObject("cluster").getString("owner")).isEqualTo("node-a");
    assertThat(hb.getJsonObject("cluster").getString("owner")).isEqualTo("node-a");
    assertThat(pbx.logins()).as("only the owner logs in to the PBX").isEqualTo(1);
  }

  @Test
  @Order(2)
  void aCallAnsweredThroughAsBridgePopsOnBAndATicketChangedOnAShowsOnB() throws Exception {
    List<JsonObject> onB = b.stream("op-xining");
    List<JsonObject> provOnB = b.stream("prov");
    String linkedid = play(answered("13909710011", 11));
    JsonObject pop = await("screen-pop on node-b", () -> frames(onB, "hotline.ui.operator.op-xining", linkedid, "callId"),
        l -> !l.isEmpty()).get(0);
    assertThat(pop.getString("operator")).isEqualTo("op-xining");
    assertThat(pop.getString("callerNumber")).isEqualTo("13909710011");
    await("call news on node-b", () -> frames(provOnB, "hotline.call.changed", linkedid, "linkedid"), l -> !l.isEmpty());
    await("call stored, read on node-b", () -> b.get("op-xining", "/api/calls/" + linkedid),
        r -> r.statusCode() == 200 && new JsonObject(r.body()).getString("endedAt") != null);

    HttpResponse<String> created = a.post("op-xining", "/api/tickets", newTicket("HIGH"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = new JsonObject(created.body()).getLong("id");
    List<JsonObject> news = await("ticket news on node-b", () -> ticketFrames(provOnB, id), l -> !l.isEmpty());
    assertThat(news.get(0).getString("type")).isEqualTo("CREATED");
    assertThat(frames(onB, "hotline.ui.operator.op-xining", linkedid, "callId")).as("popped once").hasSize(1);
  }

  /**
   * A write batch's news (one loop on the bridge's context) crosses to node B as relay messages carrying many news
   * each (EventStream.Relay): B's browser still gets one frame per news, in the order they were sent, none dropped,
   * also when B's event loops are stuck for a second meanwhile (its messages wait) and the batch is larger than one
   * relay message holds.
   */
  @Test
  @Order(2)
  void aBatchOfNewsReachesBsBrowserOneFramePerNewsInOrderEvenWhenBIsSlow() throws Exception {
    List<JsonObject> provOnB = b.stream("prov");
    int n = 3 * cn.hotline12349.ui.push.EventStream.RELAY_MAX + 17;
    String prefix = "relay-" + System.nanoTime() + ".";
    java.util.concurrent.CountDownLatch stuck = new java.util.concurrent.CountDownLatch(1);
    ((io.vertx.core.internal.VertxInternal) b.vertx).nettyEventLoopGroup().forEach(loop -> loop.execute(() -> {
      stuck.countDown();
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    assertThat(stuck.await(5, TimeUnit.SECONDS)).isTrue();
    a.vertx.getOrCreateContext().runOnContext(v -> {
      for (int i = 0; i < n; i++) {
        a.vertx.eventBus().publish("hotline.call.changed", new JsonObject().put("linkedid", prefix + i)
            .put("prefectureCode", "630100").put("state", "RINGING").put("callerNumber", "13909710011"));
      }
    });
    List<String> got = await("every news of the batch on node-b", Duration.ofSeconds(30), () -> provOnB.stream()
        .filter(f -> "hotline.call.changed".equals(f.getString("address")))
        .map(f -> f.getJsonObject("body").getString("linkedid")).filter(id -> id != null && id.startsWith(prefix)).toList(),
        l -> l.size() >= n);
    assertThat(got).hasSize(n);
    for (int i = 0; i < n; i++) assertThat(got.get(i)).isEqualTo(prefix + i);
    JsonObject first = provOnB.stream().filter(f -> "hotline.call.changed".equals(f.getString("address")))
        .map(f -> f.getJsonObject("body")).filter(body -> (prefix + 0).equals(body.getString("linkedid"))).findFirst().get();
    assertThat(first.getString("callerNumber")).as("masked as before").isNotEqualTo("13909710011");
  }

  @Test
  @Order(2)
  void queueActionsOnTheStandbyReachThePbxThroughTheOwner() {
    int before = pbx.received("QueueAdd").size();
    HttpResponse<String> in = b.post("op-xining", "/api/queue/login", null);
    assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
    assertThat(new JsonObject(in.body()).getString("state")).isEqualTo("LOGGED_IN");
    assertThat(pbx.received("QueueAdd")).hasSize(before + 1);
    assertThat(pbx.received("QueueAdd").get(before).get("Interface")).isEqualTo("PJSIP/8001");
    assertThat(b.get("h-chengdong", "/api/queue/agents").statusCode()).as("scope still checked").isEqualTo(403);
    assertThat(b.get(null, "/api/queue/agents").statusCode()).as("not forwarded unauthenticated").isEqualTo(401);
    JsonObject other = new JsonObject().put("method", "GET").put("uri", "/api/tickets").put("headers", new JsonObject()
        .put("Authorization", "Bearer " + b.login("prov")));
    assertThatThrownBy(() -> b.vertx.eventBus().request(PbxForwarding.ADDRESS_PREFIX + "node-a", other).await())
        .as("only PBX routes are replayed").hasMessageContaining("not a PBX route");
  }

  @Test
  @Order(3)
  void aHangupOnTheStandbyReachesThePbxThroughTheOwner() throws Exception {
    String linkedid = liveCallReadOnB("13909710013", 13).get(0).get("Linkedid");
    int before = pbx.received("Hangup").size();
    HttpResponse<String> r = b.post("op-xining", "/api/calls/" + linkedid + "/hangup", null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(pbx.received("Hangup")).hasSize(before + 1);
    await("ended, read on node-b", () -> b.get("op-xining", "/api/calls/" + linkedid),
        x -> x.statusCode() == 200 && "ENDED".equals(new JsonObject(x.body()).getString("state")));
  }

  @Test
  @Order(3)
  void aTransferOnTheStandbyReachesThePbxThroughTheOwner() throws Exception {
    List<AmiMessage> call = liveCallReadOnB("13909710014", 14);
    String linkedid = call.get(0).get("Linkedid");
    int before = pbx.received("Redirect").size();
    HttpResponse<String> r = b.post("op-xining", "/api/calls/" + linkedid + "/transfer",
        new JsonObject().put("kind", "BLIND").put("username", "op-haixi"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(new JsonObject(r.body()).getString("target")).as("op-haixi's phone, PJSIP/8002").isEqualTo("8002");
    assertThat(pbx.received("Redirect")).as("sent once, by the owner's AMI link").hasSize(before + 1);
    AmiMessage sent = pbx.received("Redirect").get(before);
    assertThat(sent.get("Channel")).as("the caller's channel").isEqualTo(call.get(0).get("Channel"));
    assertThat(sent.get("Exten")).isEqualTo("8002");
    JsonObject moved = await("transferred, read on node-b", () -> b.get("op-xining", "/api/calls/" + linkedid),
        x -> x.statusCode() == 200 && "TRANSFERRED".equals(new JsonObject(x.body()).getString("state")))
        .body().transform(JsonObject::new);
    assertThat(timeline(moved, "TRANSFERRED")).isEqualTo(1);
  }

  @Test
  @Order(3)
  void slaMarksFireOnceWithBothNodesUp() throws Exception {
    List<JsonObject> onA = a.stream("prov");
    List<JsonObject> onB = b.stream("prov");
    HttpResponse<String> created = b.post("op-xining", "/api/tickets", newTicket("EMERGENCY").put("dispatchTo", "630102"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    long id = new JsonObject(created.body()).getLong("id");
    CLOCK.advance(Duration.ofMinutes(31)); // past the 30-minute claim deadline of an emergency: warning + escalation
    await("escalated", () -> events(id, "ESCALATED"), l -> !l.isEmpty());
    Thread.sleep(2_500); // both schedulers poll at least twice more (1 s): a second firing would show now
    assertThat(events(id, "ESCALATED")).hasSize(1);
    assertThat(events(id, "SLA_WARNING")).hasSize(1);
    for (List<JsonObject> stream : List.of(onA, onB)) {
      assertThat(ticketFrames(stream, id).stream().filter(f -> "ESCALATED".equals(f.getString("type"))))
          .as("one escalation push per stream").hasSize(1);
      assertThat(ticketFrames(stream, id).stream().filter(f -> "SLA_WARNING".equals(f.getString("type"))))
          .as("one warning push per stream").hasSize(1);
    }
  }

  @Test
  @Order(4)
  void whenTheOwnerDiesTheOtherTakesOverWithin10sAndReconcilesCallsMadeMeanwhile() throws Exception {
    List<JsonObject> onB = b.stream("prov");
    List<AmiMessage> gap = answered("13909710012", 12);
    int connect = indexOf(gap, "AgentConnect") + 1;
    long died = System.nanoTime();
    a.crash();
    Replay.backToBack().run(pbx, gap.subList(0, connect)); // answered while nobody listens
    assertThat(pbx.awaitLogins(2, 10, TimeUnit.SECONDS)).as("node-b logs in to the PBX").isTrue();
    await("node-b holds the PBX", Duration.ofSeconds(10), () -> pbxOf(b.health()),
        p -> "CONNECTED".equals(p.getString("status")) && "OWNER".equals(p.getJsonObject("cluster").getString("role")));
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - died);
    assertThat(tookMs).as("take-over time").isLessThan(10_000);
    System.out.printf("PBX take-over after the owner died: %d ms%n", tookMs);

    String linkedid = gap.get(0).get("Linkedid");
    await("the call made meanwhile is reconciled", () -> b.get("prov", "/api/calls/" + linkedid),
        r -> r.statusCode() == 200);
    Replay.backToBack().run(pbx, gap.subList(connect, gap.size()));
    JsonObject call = await("and ends live on node-b", () -> b.get("prov", "/api/calls/" + linkedid),
        r -> r.statusCode() == 200 && new JsonObject(r.body()).getString("endedAt") != null)
        .body().transform(JsonObject::new);
    assertThat(call.getString("state")).isEqualTo("ENDED");
    assertThat(timeline(call, "ENDED")).as("ended once").isEqualTo(1);
    await("its news reached node-b's browsers", () -> frames(onB, "hotline.call.changed", linkedid, "linkedid"),
        l -> !l.isEmpty());

    String after = play(answered("13909710013", 13));
    await("a later call stored by node-b", () -> b.get("prov", "/api/calls/" + after), r -> r.statusCode() == 200);
    JsonArray all = new JsonObject(b.get("prov", "/api/calls?limit=500").body()).getJsonArray("items");
    assertThat(all.stream().map(o -> ((JsonObject) o).getString("linkedid")).distinct().count())
        .as("no call doubled").isEqualTo(all.size());
    assertThat(all.stream().map(o -> ((JsonObject) o).getString("linkedid"))).contains(linkedid, after);
    assertThat(b.registry.get("hotline.pbx.owner").tag("node", "node-b").gauge().value()).isEqualTo(1.0);
  }

  static List<AmiMessage> answered(String number, int index) {
    return new CallSynthesizer(FIVE).synthesize(
        List.of(new CallSynthesizer.Spec(number, "hotline-630100", "1001", "630100")), 1795700000.0 + index, 0, index);
  }

  /** A call answered by op-xining and left live, played once node-b reads it as ANSWERED: its events so far. */
  static List<AmiMessage> liveCallReadOnB(String number, int index) throws Exception {
    List<AmiMessage> all = answered(number, index);
    List<AmiMessage> untilAnswer = all.subList(0, indexOf(all, "AgentConnect") + 1);
    String linkedid = play(untilAnswer);
    await("live call read on node-b", () -> b.get("op-xining", "/api/calls/" + linkedid),
        r -> r.statusCode() == 200 && "ANSWERED".equals(new JsonObject(r.body()).getString("state")));
    return untilAnswer;
  }

  static String play(List<AmiMessage> call) throws Exception {
    Replay.backToBack().run(pbx, call);
    return call.get(0).get("Linkedid");
  }

  static int indexOf(List<AmiMessage> events, String type) {
    for (int i = 0; i < events.size(); i++) if (events.get(i).isEvent(type)) return i;
    throw new IllegalArgumentException(type);
  }

  static long timeline(JsonObject call, String type) {
    return call.getJsonArray("timeline").stream().filter(e -> type.equals(((JsonObject) e).getString("type"))).count();
  }

  static List<JsonObject> frames(List<JsonObject> stream, String address, String id, String idField) {
    return stream.stream().filter(f -> address.equals(f.getString("address")))
        .map(f -> f.getJsonObject("body")).filter(body -> id.equals(body.getString(idField))).toList();
  }

  static List<JsonObject> ticketFrames(List<JsonObject> stream, long ticketId) {
    return stream.stream().filter(f -> "hotline.ticket.changed".equals(f.getString("address")))
        .map(f -> f.getJsonObject("body")).filter(body -> Long.valueOf(ticketId).equals(body.getLong("ticketId"))).toList();
  }

  static List<JsonObject> events(long ticketId, String type) {
    JsonArray history = new JsonObject(b.get("prov", "/api/tickets/" + ticketId).body()).getJsonArray("history");
    return history.stream().map(JsonObject.class::cast).filter(e -> type.equals(e.getString("type"))).toList();
  }

  static JsonObject newTicket(String severity) {
    return new JsonObject()
        .put("callerNumber", "+86 138 9701 2345").put("callerRelation", "邻居")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小红").put("age", 7).put("gender", "FEMALE")
            .put("countyCode", "630102").put("address", "某小区")))
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", severity)
        .put("narrative", "邻居听到孩子哭喊，疑似被打。");
  }
}
