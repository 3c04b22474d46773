package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An operator sees the caller's number masked, asks to see it for a reply, and the reveal is audited once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevealNumberBrowserTest {
  private static final String NUMBER = "13897016699";
  private BrowserHarness h;

  @BeforeAll
  void start() throws Exception { h = new BrowserHarness(); }

  @AfterAll
  void stop() { if (h != null) h.close(); }

  @Test
  void anOperatorRevealsTheNumberOfOneTicketAndACountyHandlerCannot() throws Exception {
    JsonObject body = new JsonObject().put("callerNumber", NUMBER).put("callerRelation", "NEIGHBOUR")
        .put("category", "VIOLATION").put("subcategory", "NEGLECT").put("severity", "HIGH")
        .put("narrative", "邻居反映孩子独自在家两天。")
        .put("children", new JsonArray().add(new JsonObject().put("name", "王小丫").put("age", 6).put("countyCode", "630102")))
        .put("dispatchTo", "630102");
    long id = h.api("op-xining", "POST", "/api/tickets", body).getLong("id");

    Page op = h.login("op-xining");
    op.navigate(h.base + "/#/ticket/" + id);
    Locator ticket = op.locator("section[data-ticket='" + id + "']");
    Locator number = ticket.locator(".caller-number");
    assertThat(number).hasText("138****6699");
    assertThat(op.locator("body")).not().containsText(NUMBER);
    assertThat(reveals(id)).isZero();

    ticket.locator("button.reveal-number").click();
    assertThat(ticket.locator("button.reveal-number")).hasCount(0);
    ticket.locator("form[data-form=reveal] select[name=purpose]").selectOption("REPLY");
    ticket.locator("form[data-form=reveal] button[type=submit]").click();
    assertThat(number).hasText(NUMBER);
    assertThat(ticket.locator(".reveal-note")).hasText("已显示完整号码，本次查看已记入审计日志");
    h.shot(op, "operator-revealed-number");
    assertThat(reveals(id)).isEqualTo(1);
    // A live update redraws the ticket: the number stays shown, without a second reveal.
    h.api("h-chengdong", "POST", "/api/tickets/" + id + "/claim", new JsonObject());
    assertThat(ticket.locator("tr[data-event=CLAIMED]")).isVisible();
    assertThat(number).hasText(NUMBER);
    assertThat(reveals(id)).isEqualTo(1);

    Page county = h.login("h-chengdong");
    county.navigate(h.base + "/#/ticket/" + id);
    Locator theirs = county.locator("section[data-ticket='" + id + "']");
    assertThat(theirs.locator(".caller-number")).hasText("138****6699");
    assertThat(theirs.locator("button.reveal-number")).hasCount(0);
  }

  private long reveals(long id) throws Exception {
    try (Connection c = h.db.jdbc(); PreparedStatement ps = c.prepareStatement("select count(*), string_agg(detail, '|') "
        + "from audit_log where action = 'caller-number-revealed' and ticket_id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) > 0) assertThat(rs.getString(2)).isEqualTo("purpose=REPLY").doesNotContain(NUMBER);
        return rs.getLong(1);
      }
    }
  }
}
