package cn.hotline12349.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /api/sla/clocks: the clocks behind a board count, paged by keyset, counted, within scope, bad input named. */
class SlaClocksApiTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass();

  @Test
  void theClockListOfAStateHasTheBoardsCountAndPagesWithoutRepeats() {
    JsonObject board = app.get("prov", "/api/sla/board").json();
    long onTime = board.getJsonObject("totals").getLong("ON_TIME");
    assertThat(onTime).as("the demo data has running clocks").isGreaterThan(2);
    JsonObject first = app.get("prov", "/api/sla/clocks?state=ON_TIME&size=2").json();
    assertThat(first.getLong("count")).isEqualTo(onTime);
    assertThat(first.getBoolean("countCapped")).isFalse();
    Set<String> seen = new HashSet<>();
    JsonObject page = first;
    int pages = 0;
    while (true) {
      for (Object o : page.getJsonArray("items")) {
        JsonObject c = (JsonObject) o;
        assertThat(c.getString("state")).isEqualTo("ON_TIME");
        assertThat(c.fieldNames()).doesNotContain("callerNumber", "narrative", "children");
        assertThat(seen.add(c.getLong("ticketId") + "/" + c.getString("clockKey"))).as("no clock twice").isTrue();
      }
      pages++;
      if (page.getString("next") == null) break;
      page = app.get("prov", "/api/sla/clocks?state=ON_TIME&size=2&cursor=" + page.getString("next")).json();
      assertThat(page.containsKey("count")).as("later pages are not counted again").isFalse();
    }
    assertThat((long) seen.size()).isEqualTo(onTime);
    assertThat(pages).isGreaterThan(1);

    long claim = board.getJsonArray("counts").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("stage").equals("FIRST_CONTACT") && c.getString("state").equals("ON_TIME")
            && "630102".equals(c.getString("county")))
        .mapToLong(c -> c.getLong("count")).sum();
    assertThat(app.get("prov", "/api/sla/clocks?state=ON_TIME&stage=FIRST_CONTACT&org=630102").json().getLong("count"))
        .isEqualTo(claim);
    // The administrator sees the board's codes and counts, and so the clocks behind them (refs and codes only).
    assertThat(app.get("admin", "/api/sla/clocks?state=OVERDUE").status()).isEqualTo(200);
  }

  @Test
  void badInputIsNamedAndOtherUnitsAreRefused() {
    RunningApp.Response state = app.get("prov", "/api/sla/clocks?state=LATE");
    assertThat(state.status()).isEqualTo(422);
    assertThat(state.contentType()).startsWith("application/problem+json");
    assertThat(state.body()).contains("state");
    RunningApp.Response missing = app.get("prov", "/api/sla/clocks");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.body()).contains("state");
    RunningApp.Response stage = app.get("prov", "/api/sla/clocks?state=OVERDUE&stage=LUNCH");
    assertThat(stage.status()).isEqualTo(422);
    assertThat(stage.body()).contains("stage");
    RunningApp.Response cursor = app.get("prov", "/api/sla/clocks?state=OVERDUE&cursor=bm90LWEtY3Vyc29y");
    assertThat(cursor.status()).isEqualTo(422);
    assertThat(cursor.body()).contains("cursor");
    assertThat(app.get("h-chengdong", "/api/sla/clocks?state=ON_TIME&org=630000").status()).isEqualTo(403);
    assertThat(app.get("h-chengdong", "/api/sla/clocks?state=ON_TIME").status()).isEqualTo(200);
  }
}
