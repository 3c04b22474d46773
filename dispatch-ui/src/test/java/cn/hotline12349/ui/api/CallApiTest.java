package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.Replay;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 3 end to end: the running system logged in to a loopback Asterisk that plays recorded and synthesized calls. */
class CallApiTest {
  static final List<AmiMessage> FIVE = AmiTranscript.loadEvents(AmiTranscript.FIVE_ANSWERED);
  static final List<AmiMessage> ABANDONED = AmiTranscript.loadEvents(AmiTranscript.ABANDONED);
  static final java.nio.file.Path RECORDINGS = tempDir();
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass().withLoopbackPbx()
      .env(Map.of("HOTLINE_RECORDINGS_DIR", RECORDINGS.toString()));

  static java.nio.file.Path tempDir() {
    try {
      return java.nio.file.Files.createTempDirectory("hotline-recordings");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theRecordedSessionGivesFiveAnsweredCallsWithOperatorsAndTalkTimes() throws Exception {
    Replay.backToBack().run(app.pbx, FIVE);
    Predicate<JsonObject> recorded = c -> c.getString("linkedid").startsWith("17954326");
    List<JsonObject> calls = await("5 ended calls", () -> items("prov", "/api/calls?status=ENDED&limit=500"),
        l -> l.stream().filter(recorded).count() == 5).stream().filter(recorded)
        .sorted((a, b) -> a.getString("linkedid").compareTo(b.getString("linkedid"))).toList();
    assertThat(calls).extracting(c -> c.getString("operator"))
        .containsExactly("op-xining", "op-haixi", "op-xining", "op-haixi", "op-xining");
    assertThat(calls).extracting(c -> c.getLong("talkMillis")).containsExactly(303L, 300L, 299L, 300L, 302L);
    assertThat(calls).allMatch(c -> c.getString("answeredAt") != null);
    // routed to no prefecture (the recorded session has no intake AGI): the province sees them, Xining does not
    assertThat(items("op-xining", "/api/calls?limit=500")).noneMatch(recorded);
    // keyset pages of 2 through the one cursor codec cover the same calls, once each
    List<String> paged = new java.util.ArrayList<>();
    JsonObject page = app.get("prov", "/api/calls?status=ENDED&limit=2").json();
    while (true) {
      page.getJsonArray("items").forEach(o -> paged.add(((JsonObject) o).getString("linkedid")));
      if (page.getString("next") == null) break;
      page = app.get("prov", "/api/calls?status=ENDED&limit=2&cursor=" + page.getString("next")).json();
    }
    assertThat(paged).doesNotHaveDuplicates()
        .containsExactlyElementsOf(items("prov", "/api/calls?status=ENDED&limit=500").stream()
            .map(c -> c.getString("linkedid")).toList());
    String next = app.get("prov", "/api/calls?status=ENDED&limit=2").json().getString("next");
    problem(app.get("prov", "/api/calls?cursor=" + next.substring(0, next.length() - 2)), 422, "cursor");
    problem(app.get("prov", "/api/calls?cursor=bm90LWEtY3Vyc29y"), 422, "cursor");
    JsonObject one = app.get("prov", "/api/calls/" + calls.get(0).getString("linkedid")).json();
    assertThat(one.getJsonArray("timeline").stream().map(o -> ((JsonObject) o).getString("type")))
        .contains("ANSWERED", "ENDED");
  }

  @Test
  void anAbandonedCallIsPendingForItsPrefectureOnlyAndACallbackTakesItOff() throws Exception {
    List<AmiMessage> call = new CallSynthesizer(ABANDONED).synthesize(
        List.of(new CallSynthesizer.Spec("13909710001", "hotline-630100", "1001", "630100")), 1795500000.0, 0, 100);
    Replay.backToBack().run(app.pbx, call);
    String pending = "/api/calls?status=ABANDONED&pending=true";
    List<JsonObject> mine = await("abandoned call pending", () -> items("op-xining", pending), l -> l.size() == 1);
    JsonObject c = mine.get(0);
    assertThat(c.getString("callerNumber")).as("operators read numbers masked").isEqualTo("139****0001");
    assertThat(c.containsKey("callerNumberNorm")).isFalse();
    assertThat(c.getString("prefectureCode")).isEqualTo("630100");
    assertThat(c.getLong("waitMillis")).isPositive();
    assertThat(items("op-haixi", pending)).isEmpty();
    assertThat(items("sup-xining", pending)).hasSize(1);

    JsonObject masked = items("prov", pending).get(0);
    assertThat(masked.getString("callerNumber")).isEqualTo("139****0001");
    assertThat(masked.containsKey("callerNumberNorm")).isFalse();
    assertThat(app.get("prov", "/api/calls/" + c.getString("linkedid")).body()).doesNotContain("13909710001");

    assertThat(app.get("h-chengdong", "/api/calls").status()).isEqualTo(403);
    assertThat(app.get("h-chengdong", "/api/calls/" + c.getString("linkedid")).status()).isEqualTo(403);
    assertThat(app.get("op-haixi", "/api/calls/" + c.getString("linkedid")).status()).isEqualTo(404);
    problem(app.get("op-xining", "/api/calls?status=LOST"), 422, "status");
    problem(app.get("op-xining", "/api/calls?pending=yes"), 422, "pending");
    problem(app.get("op-xining", "/api/calls?limit=0"), 422, "limit");
    problem(app.get("op-xining", "/api/calls?from=yesterday"), 422, "from");
    problem(app.get("op-xining", "/api/calls?prefecture=999999"), 422, "prefecture");
    assertThat(app.get("op-xining", "/api/calls?prefecture=632800").status()).isEqualTo(403);
    assertThat(items("op-xining", "/api/calls?from=2026-01-01&to=2026-12-31&prefecture=630100")).isNotEmpty();

    String reveal = "/api/calls/" + c.getString("linkedid") + "/caller-number";
    JsonObject purpose = new JsonObject().put("purpose", "CALLBACK");
    assertThat(app.post("prov", reveal, purpose).status()).isEqualTo(403);
    assertThat(app.post("h-chengdong", reveal, purpose).status()).isEqualTo(403);
    assertThat(app.post("op-haixi", reveal, purpose).status()).as("another prefecture's call").isEqualTo(404);
    int revealsBefore = reveals("op-xining", "call=" + c.getString("linkedid")).size();
    RunningApp.Response shown = app.post("op-xining", reveal, purpose);
    assertThat(shown.status()).as(shown.body()).isEqualTo(200);
    assertThat(shown.json().getString("callerNumber")).isEqualTo("13909710001");
    assertThat(reveals("op-xining", "call=" + c.getString("linkedid"))).hasSize(revealsBefore + 1)
        .allSatisfy(d -> assertThat(d).startsWith("purpose=CALLBACK call=").doesNotContain("13909710001"));

    assertThat(app.post("prov", "/api/calls/" + c.getString("linkedid") + "/callback", null).status()).isEqualTo(403);
    int before = app.pbx.received("Originate").size();
    RunningApp.Response r = app.post("op-xining", "/api/calls/" + c.getString("linkedid") + "/callback", null);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(r.json().getString("callbackId")).startsWith("cb-");
    AmiMessage originate = app.pbx.received("Originate").get(before);
    assertThat(originate.get("Channel")).isEqualTo("PJSIP/8001");
    assertThat(originate.get("Exten")).isEqualTo("13909710001");
    assertThat(reveals("op-xining", "call=" + c.getString("linkedid"))).as("the callback is audited as a reveal")
        .hasSize(revealsBefore + 2).last().isEqualTo("purpose=CALLBACK call=" + c.getString("linkedid") + " via=pbx-callback");
    await("called back", () -> items("op-xining", pending), List::isEmpty);
  }

  /** Details of a user's caller-number-revealed audit rows that mention {@code target}, oldest first. */
  static List<String> reveals(String user, String target) {
    JsonArray items = app.get("prov", "/api/audit?action=caller-number-revealed&user=" + user + "&size=200").json()
        .getJsonArray("items");
    List<String> out = new java.util.ArrayList<>();
    for (int i = items.size() - 1; i >= 0; i--) {
      String d = items.getJsonObject(i).getString("detail");
      if (d.contains(target)) out.add(d);
    }
    return out;
  }

  @Test
  void aTicketCreatedDuringACallIsLinkedBothWaysAndItsCallbackIsInItsHistory() throws Exception {
    String linkedid = answeredCall("13909710002", 200);
    JsonObject body = TicketLoopApiTest.newTicket("630102").put("callerNumber", "13909710002").put("callId", linkedid);
    long id = app.post("op-xining", "/api/tickets", body).json().getLong("id");

    await("call shows the ticket", () -> app.get("op-xining", "/api/calls/" + linkedid).json(),
        c -> Long.valueOf(id).equals(c.getLong("ticketId")));
    JsonArray calls = app.get("op-xining", "/api/tickets/" + id).json().getJsonArray("calls");
    assertThat(calls).hasSize(1);
    assertThat(calls.getJsonObject(0).getString("linkedid")).isEqualTo(linkedid);
    assertThat(calls.getJsonObject(0).getString("recording")).startsWith("hotline-630100-");
    assertThat(calls.getJsonObject(0).getString("operator")).isEqualTo("op-xining");

    app.pbx.setOriginateOutcome("Success");
    RunningApp.Response r = app.post("op-xining", "/api/tickets/" + id + "/callback", null);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    assertThat(app.pbx.received("Originate").get(app.pbx.received("Originate").size() - 1).get("Exten")).isEqualTo("13909710002");
    JsonArray history = await("callback outcome on the ticket", () -> app.get("op-xining", "/api/tickets/" + id).json()
        .getJsonArray("history"), h -> h.stream().anyMatch(e -> "CALLBACK_OUTCOME".equals(((JsonObject) e).getString("type"))));
    JsonObject requested = event(history, "CALLBACK_REQUESTED");
    JsonObject outcome = event(history, "CALLBACK_OUTCOME");
    assertThat(requested.getString("actor")).isEqualTo("op-xining");
    // the operator answered and the caller answered and talked (loopback: ANSWER:12): done, not just "answered"
    assertThat(outcome.getJsonObject("payload").getString("status")).isEqualTo("DONE");
    assertThat(outcome.getJsonObject("payload").getString("linkedid")).isEqualTo(linkedid);
    assertThat(history.encode()).doesNotContain("13909710002");
    assertThat(app.post("h-chengdong", "/api/tickets/" + id + "/callback", null).status()).isEqualTo(403);
    JsonArray audit = app.get("prov", "/api/audit?action=caller-number-revealed&ticket=" + id).json().getJsonArray("items");
    assertThat(audit).as("the ticket's callback is audited as a reveal").hasSize(1);
    assertThat(audit.getJsonObject(0).getString("detail")).isEqualTo("purpose=CALLBACK via=pbx-callback");
    assertThat(audit.getJsonObject(0).getString("username")).isEqualTo("op-xining");
  }

  @Test
  void aRepeatCallerPopsOnTheAnsweringOperatorsAddressWithTheEarlierTicket() throws Exception {
    long id = app.post("op-xining", "/api/tickets", TicketLoopApiTest.newTicket("630102")
        .put("callerNumber", "13909710003")).json().getLong("id");
    List<JsonObject> pops = new CopyOnWriteArrayList<>();
    app.vertx.eventBus().<JsonObject>consumer("hotline.ui.operator.op-xining", m -> pops.add(m.body()))
        .completion().await();
    String linkedid = answeredCall("+86 139 0971 0003", 300);
    JsonObject pop = await("screen-pop", () -> pops.stream().filter(p -> linkedid.equals(p.getString("callId"))).toList(),
        l -> !l.isEmpty()).get(0);
    assertThat(pop.getString("type")).isEqualTo("screen-pop");
    assertThat(pop.getString("callerNumber")).isEqualTo("+86 139 0971 0003");
    assertThat(pop.getString("operator")).isEqualTo("op-xining");
    assertThat(pop.getJsonArray("earlierTickets").stream().map(t -> ((JsonObject) t).getLong("id"))).contains(id);
  }

  @Test
  void queueLoginPauseAndLogoutReachThePbx() {
    RunningApp.Response in = app.post("op-xining", "/api/queue/login", null);
    assertThat(in.status()).as(in.body()).isEqualTo(200);
    assertThat(in.json().getString("state")).isEqualTo("LOGGED_IN");
    AmiMessage add = last("QueueAdd");
    assertThat(add.get("Queue")).isEqualTo("hotline-630100");
    assertThat(add.get("Interface")).isEqualTo("PJSIP/8001");
    await("member listed", () -> items("op-xining", "/api/queue/agents"),
        l -> l.stream().anyMatch(m -> "op-xining".equals(m.getString("username"))));
    assertThat(items("op-haixi", "/api/queue/agents")).noneMatch(m -> "op-xining".equals(m.getString("username")));
    // a second login (another tab, a retried click) is fine: 200, still logged in (was 502 "Already there")
    RunningApp.Response again = app.post("op-xining", "/api/queue/login", null);
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    await("agent state available", () -> app.get("op-xining", "/api/queue/state").json(),
        s -> "AVAILABLE".equals(s.getString("state")));

    RunningApp.Response p = app.post("op-xining", "/api/queue/pause", new JsonObject().put("paused", true).put("reason", "break"));
    assertThat(p.status()).as(p.body()).isEqualTo(200);
    assertThat(p.json().getString("state")).isEqualTo("PAUSED");
    assertThat(last("QueuePause").get("Paused")).isEqualToIgnoringCase("true");
    problem(app.post("op-xining", "/api/queue/pause", new JsonObject()), 422, "paused");
    JsonObject state = await("agent state paused", () -> app.get("op-xining", "/api/queue/state").json(),
        s -> "PAUSED".equals(s.getString("state")));
    assertThat(state.getString("reason")).isEqualTo("break");
    assertThat(state.getJsonArray("queues").getList()).containsExactly("hotline-630100");
    // the supervisor's panel: Xining's queue only, the operator counted as paused
    JsonObject panel = app.get("sup-xining", "/api/queue/panel").json();
    assertThat(panel.getJsonArray("queues")).hasSize(1);
    JsonObject xq = panel.getJsonArray("queues").getJsonObject(0);
    assertThat(xq.getString("queue")).isEqualTo("hotline-630100");
    assertThat(xq.getJsonObject("agentsByState").getInteger("PAUSED")).isEqualTo(1);
    assertThat(xq.getInteger("waitingCount")).isZero();
    assertThat(app.get("prov", "/api/queue/panel").json().getJsonArray("queues")).hasSize(9);
    assertThat(app.get("op-xining", "/api/queue/panel").status()).isEqualTo(403);
    assertThat(app.post("op-xining", "/api/queue/logout", null).json().getString("state")).isEqualTo("LOGGED_OUT");
    RunningApp.Response out2 = app.post("op-xining", "/api/queue/logout", null);
    assertThat(out2.status()).as(out2.body()).isEqualTo(200); // idempotent
    await("agent state logged out", () -> app.get("op-xining", "/api/queue/state").json(),
        s -> "LOGGED_OUT".equals(s.getString("state")));
    assertThat(last("QueueRemove").get("Interface")).isEqualTo("PJSIP/8001");
    assertThat(app.post("h-chengdong", "/api/queue/login", null).status()).isEqualTo(403);
    assertThat(app.get("h-chengdong", "/api/queue/agents").status()).isEqualTo(403);
  }

  @Test
  void recordingsArePlayedBySupervisorsOnlyAndEveryPlayIsAudited() throws Exception {
    String linkedid = answeredCall("13909710077", 7);
    String name = app.get("sup-xining", "/api/calls/" + linkedid).json().getString("recording");
    assertThat(name).startsWith("hotline-630100-");
    String path = "/api/calls/" + linkedid + "/recording";
    assertThat(app.get("sup-xining", path).status()).isEqualTo(410); // not on disk (yet, or past retention)
    byte[] wav = "RIFF----WAVEfmt test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.nio.file.Files.write(RECORDINGS.resolve(name), wav);

    assertThat(app.get("op-xining", path).status()).isEqualTo(403); // operators do not replay calls
    assertThat(app.get("h-chengdong", path).status()).isEqualTo(403);
    RunningApp.Response r = app.get("sup-xining", path);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("audio/wav");
    assertThat(r.body()).isEqualTo(new String(wav, java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(app.get("prov", path).status()).isEqualTo(200);
    var rows = app.app.services().pool().preparedQuery("select username from audit_log where action = 'RECORDING_PLAYED' "
        + "and detail = $1 order by id").execute(io.vertx.sqlclient.Tuple.of("call " + linkedid))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    List<String> who = new java.util.ArrayList<>();
    rows.forEach(row -> who.add(row.getString(0)));
    assertThat(who).containsExactly("sup-xining", "prov");
  }

  /** Plays one synthesized call answered by member 1001 (op-xining) in Xining's queue; returns its linkedid. */
  static String answeredCall(String number, int index) throws Exception {
    List<AmiMessage> call = new CallSynthesizer(FIVE).synthesize(
        List.of(new CallSynthesizer.Spec(number, "hotline-630100", "1001", "630100")), 1795600000.0 + index, 0, index);
    String linkedid = call.stream().filter(m -> m.isEvent("Newchannel")).findFirst().orElseThrow().get("Linkedid");
    Replay.backToBack().run(app.pbx, call);
    await("call stored", () -> app.get("op-xining", "/api/calls/" + linkedid), r -> r.status() == 200
        && r.json().getString("endedAt") != null);
    return linkedid;
  }

  static AmiMessage last(String action) {
    List<AmiMessage> l = app.pbx.received(action);
    assertThat(l).as(action).isNotEmpty();
    return l.get(l.size() - 1);
  }

  static JsonObject event(JsonArray history, String type) {
    return history.stream().map(JsonObject.class::cast).filter(e -> type.equals(e.getString("type"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + history));
  }

  static List<JsonObject> items(String user, String path) {
    RunningApp.Response r = app.get(user, path);
    assertThat(r.status()).as("%s %s: %s", user, path, r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
  }

  static void problem(RunningApp.Response r, int status, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.json().getString("field")).isEqualTo(field);
  }

  /** Polls the running system (the bridge writes behind, every 100 ms) until the condition holds, at most 20 s. */
  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    T last = probe.get();
    while (!done.test(last)) {
      if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what + ": " + last);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = probe.get();
    }
    return last;
  }
}
