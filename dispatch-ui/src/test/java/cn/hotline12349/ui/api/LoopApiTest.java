package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 16 through the running system as the demo users: partners, referrals, mandatory reports, reply, stats, exports. */
class LoopApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  static JsonObject abuse(String subcategory, String narrative, String severity) {
    return new JsonObject().put("callerNumber", "13897010000").put("callerRelation", "老师")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小兰").put("age", 9).put("countyCode", "630102")))
        .put("category", "VIOLATION").put("subcategory", subcategory).put("severity", severity).put("narrative", narrative);
  }

  @Test
  void partnerDirectoryIsScopedAndEditedByAdminsOnly() {
    JsonArray mine = app.get("h-chengdong", "/api/partners?kind=POLICE").json().getJsonArray("items");
    assertThat(mine).hasSize(1);
    assertThat(mine.getJsonObject(0).getString("code")).isEqualTo("QH-630100-POLICE");
    assertThat(mine.getJsonObject(0).getBoolean("demo")).isTrue();
    assertThat(app.get("h-chengdong", "/api/partners?org=632800").status()).isEqualTo(403);
    assertThat(app.get("h-chengdong", "/api/partners?kind=WIZARD").json().getString("field")).isEqualTo("kind");
    JsonObject entry = new JsonObject().put("code", "QH-630102-SCHOOL-7").put("kind", "SCHOOL").put("org", "630102")
        .put("name", "城东区某小学（演示）").put("channels", new JsonArray().add(new JsonObject().put("type", "PHONE").put("value", "0971-0000-7777")));
    assertThat(app.post("op-xining", "/api/admin/partners", entry).status()).isEqualTo(403);
    RunningApp.Response bad = app.post("admin", "/api/admin/partners", entry.copy().put("org", "630100").put("kind", "CHILD_DIRECTOR"));
    assertThat(bad.status()).isEqualTo(422);
    assertThat(bad.json().getString("field")).isEqualTo("org");
    RunningApp.Response added = app.post("admin", "/api/admin/partners", entry);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    long id = added.json().getLong("id");
    assertThat(app.get("h-chengdong", "/api/partners?kind=SCHOOL").body()).contains("QH-630102-SCHOOL-7");
    assertThat(app.post("admin", "/api/admin/partners/" + id + "/active", new JsonObject().put("active", false)).status()).isEqualTo(200);
    assertThat(app.get("h-chengdong", "/api/partners?kind=SCHOOL").body()).doesNotContain("QH-630102-SCHOOL-7");
  }

  @Test
  void aMandatoryReportIsReferredToThePoliceBeforeDispatchAndTracked() {
    RunningApp.Response refused = app.post("op-xining", "/api/tickets",
        abuse("SEXUAL_ABUSE", "孩子说被邻居猥亵", "EMERGENCY").put("dispatchTo", "630102"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.json().getString("type")).endsWith("/mandatory-report/SEXUAL_ABUSE");
    assertThat(refused.json().getString("field")).isEqualTo("referrals");
    long id = app.post("op-xining", "/api/tickets", abuse("SEXUAL_ABUSE", "孩子说被邻居猥亵", "EMERGENCY")).json().getLong("id");
    long police = app.get("op-xining", "/api/partners?kind=POLICE&org=630100").json().getJsonArray("items").getJsonObject(0).getLong("id");
    assertThat(app.post("op-xining", "/api/tickets/" + id + "/dispatch", new JsonObject().put("countyCode", "630102")).status())
        .isEqualTo(422);
    RunningApp.Response ref = app.post("op-xining", "/api/tickets/" + id + "/referrals",
        new JsonObject().put("partnerId", police).put("note", "已电话报警"));
    assertThat(ref.status()).as(ref.body()).isEqualTo(201);
    assertThat(ref.json().getString("mandatoryRule")).isEqualTo("SEXUAL_ABUSE");
    long rid = ref.json().getLong("id");
    assertThat(app.post("op-xining", "/api/tickets/" + id + "/dispatch", new JsonObject().put("countyCode", "630102")).status())
        .isEqualTo(200);
    assertThat(app.post("h-chengdong", "/api/tickets/" + id + "/referrals/" + rid + "/receipt", new JsonObject()).json()
        .getString("field")).isEqualTo("receivedBy");
    RunningApp.Response receipt = app.post("h-chengdong", "/api/tickets/" + id + "/referrals/" + rid + "/receipt",
        new JsonObject().put("receivedBy", "城东分局值班民警").put("reference", "JQ-118"));
    assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
    assertThat(receipt.json().getString("status")).isEqualTo("ACCEPTED");
    assertThat(receipt.json().getString("feedbackDueAt")).isNotNull();
    JsonObject detail = app.get("h-chengdong", "/api/tickets/" + id).json();
    assertThat(detail.getJsonArray("referrals")).hasSize(1);
    assertThat(detail.getJsonArray("clocks").stream().map(JsonObject.class::cast).map(c -> c.getString("clockKey")))
        .contains("REFERRAL:" + rid, "REFERRAL_FEEDBACK:" + rid);
    assertThat(detail.getJsonArray("history").stream().map(JsonObject.class::cast).map(h -> h.getString("type")))
        .contains("REFERRAL_SENT", "REFERRAL_ACCEPTED");
    assertThat(app.get("prov", "/api/sla/board?org=630000").json().fieldNames()).doesNotContain("mandatoryReports");
    JsonArray waiting = app.get("prov", "/api/mandatory-reports?org=630000").json().getJsonArray("items");
    assertThat(waiting.stream().map(JsonObject.class::cast).filter(m -> m.getLong("ticketId") == id))
        .singleElement().satisfies(m -> assertThat(m.getString("waitingFor")).isEqualTo("FEEDBACK"));
    // Paged by keyset: pages of one give the same rows in the same order, none twice.
    java.util.List<Long> oneByOne = new java.util.ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = app.get("prov", "/api/mandatory-reports?org=630000&size=1"
          + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8))).json();
      assertThat(page.getJsonArray("items").size()).isLessThanOrEqualTo(1);
      page.getJsonArray("items").forEach(m -> oneByOne.add(((JsonObject) m).getLong("referralId")));
      cursor = page.getString("next");
    } while (cursor != null && oneByOne.size() < 500);
    assertThat(oneByOne).isEqualTo(waiting.stream().map(m -> ((JsonObject) m).getLong("referralId")).toList());
    assertThat(app.get("prov", "/api/mandatory-reports?cursor=x").status()).isEqualTo(422);
    // Outside one's scope a ticket answers as if it did not exist (issue 15: 404, never 403).
    assertThat(app.get("h-golmud", "/api/tickets/" + id + "/referrals").status()).isEqualTo(404);

    // The case sheet: the ticket's facts, its referral and receipt, as HTML for printing.
    RunningApp.Response sheet = app.get("h-chengdong", "/api/tickets/" + id + "/case-sheet");
    assertThat(sheet.status()).isEqualTo(200);
    assertThat(sheet.contentType()).startsWith("text/html");
    assertThat(sheet.body()).contains("孩子说被邻居猥亵", "城东分局值班民警", "JQ-118", "强制报告 SEXUAL_ABUSE").doesNotContain("13897010000");
    assertThat(app.get("h-golmud", "/api/tickets/" + id + "/case-sheet").status()).isEqualTo(404); // outside scope: as if absent
  }

  @Test
  void replyAttemptsFollowThePolicyAndAClosedHighCaseGetsAFollowUp() {
    long id = app.post("op-xining", "/api/tickets", abuse("PHYSICAL_ABUSE", "孩子常被打", "HIGH").put("dispatchTo", "630102"))
        .json().getLong("id");
    app.post("h-chengdong", "/api/tickets/" + id + "/claim", null);
    app.post("h-chengdong", "/api/tickets/" + id + "/result", new JsonObject().put("summary", "已家访并联系学校"));
    app.post("sup-xining", "/api/tickets/" + id + "/review", new JsonObject().put("decision", "ACCEPT"));
    assertThat(app.post("op-xining", "/api/tickets/" + id + "/callback-attempts", new JsonObject().put("outcome", "MAYBE"))
        .json().getString("field")).isEqualTo("outcome");
    for (int i = 1; i <= 3; i++) {
      RunningApp.Response a = app.post("op-xining", "/api/tickets/" + id + "/callback-attempts", new JsonObject().put("outcome", "NO_ANSWER"));
      assertThat(a.status()).as(a.body()).isEqualTo(201);
      assertThat(a.json().getInteger("attempt")).isEqualTo(i);
      assertThat(a.json().getString("status")).isEqualTo(i < 3 ? "REVIEWED" : "REPLIED");
    }
    assertThat(app.get("op-xining", "/api/tickets/" + id).json().getJsonArray("callbackAttempts")).hasSize(3);
    assertThat(app.post("op-xining", "/api/tickets/" + id + "/close", null).status()).isEqualTo(200);
    JsonArray followUps = app.get("h-chengdong", "/api/follow-ups").json().getJsonArray("items");
    JsonObject fu = followUps.stream().map(JsonObject.class::cast).filter(f -> f.getLong("ticketId") == id).findFirst().orElseThrow();
    assertThat(fu.getString("status")).isEqualTo("OPEN");
    RunningApp.Response done = app.post("h-chengdong", "/api/follow-ups/" + fu.getLong("id") + "/done", new JsonObject().put("note", "孩子状况良好"));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
  }

  @Test
  void statisticsAndExportsAreScopedAndStreamed() throws Exception {
    app.post("op-xining", "/api/tickets", abuse("BULLYING", "校园欺凌", "NORMAL").put("dispatchTo", "630102"));
    JsonObject s = app.get("prov", "/api/stats?by=county").json();
    assertThat(s.getLong("total")).isPositive();
    assertThat(s.getJsonObject("dimensions").getJsonObject("county").getLong("630102")).isPositive();
    assertThat(s.getJsonObject("calls")).isNotNull();
    assertThat(app.get("prov", "/api/stats?by=weather").json().getString("field")).isEqualTo("by");
    assertThat(app.get("h-chengdong", "/api/stats?org=630100").status()).isEqualTo(403);

    RunningApp.Response csv = app.get("h-chengdong", "/api/exports/tickets.csv?severity=NORMAL");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("\uFEFFref,created_at");
    assertThat(lines.subList(1, lines.size())).isNotEmpty().allMatch(l -> l.contains(",NORMAL,") && l.contains("630102"));
    assertThat(csv.body()).doesNotContain("13897010000", "小兰");
    assertThat(app.get("op-xining", "/api/exports/tickets.csv?full=true").status()).isEqualTo(403);

    HttpResponse<byte[]> xlsx = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(app.base() + "/api/exports/tickets.xlsx?full=true&org=630100"))
        .header("Authorization", "Bearer " + app.login("prov")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(xlsx.statusCode()).isEqualTo(200);
    try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
      List<Row> rows = wb.getFirstSheet().read();
      assertThat(rows.get(0).getCellText(0)).isEqualTo("ref");
      assertThat(rows.size() - 1).isEqualTo(app.get("prov", "/api/tickets?org=630100&size=200").json().getInteger("count"));
      assertThat(rows.stream().skip(1).map(r -> r.getCellText(rows.get(0).getCellCount() - 2))).contains("小兰");
    }
  }
}
