package cn.hotline12349.ui.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A browser whose node goes away: it reaches the server through a TCP relay (the load balancer) that drops every
 * connection and refuses new ones for a moment, as when the node behind it stops. A ticket created meanwhile sends
 * its news to nobody; once the event stream is back, the operator's list has it because live.js reloads every view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconnectBrowserTest {
  BrowserHarness h;
  Vertx relayVertx;
  Relay relay;

  @BeforeAll
  void start() throws Exception {
    h = new BrowserHarness();
    relayVertx = Vertx.vertx();
    relay = new Relay(relayVertx, h.app.httpPort());
  }

  @AfterAll
  void stop() {
    if (relayVertx != null) relayVertx.close().await();
    if (h != null) h.close();
  }

  @Test
  void afterTheStreamBreaksTheViewReloadsWhatItMissed() throws Exception {
    Page op = h.browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768).setLocale("zh-CN")
        .setTimezoneId("Asia/Shanghai")).newPage();
    op.setDefaultTimeout(15_000);
    op.navigate("http://127.0.0.1:" + relay.port() + "/");
    op.locator("#username").fill("op-xining");
    op.locator("#password").fill(BrowserHarness.PASSWORD);
    op.locator("#password").press("Enter");
    op.locator("#recent-title").waitFor();
    assertThat(op.locator("#live")).hasAttribute("data-state", "on");

    relay.cut(1_500);
    assertThat(op.locator("#live")).hasAttribute("data-state", "off");
    JsonObject body = new JsonObject().put("callerNumber", "13909716666").put("callerRelation", "邻居")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小兰").put("age", 6).put("gender", "FEMALE")
            .put("countyCode", "630102").put("address", "某小区")))
        .put("category", "VIOLATION").put("subcategory", "PHYSICAL_ABUSE").put("severity", "EMERGENCY")
        .put("narrative", "孩子被锁在屋里。");
    long id = h.api("op-xining", "POST", "/api/tickets", body).getLong("id"); // straight to the node: no push reaches the page

    assertThat(op.locator("#live")).hasAttribute("data-state", "on");
    assertThat(op.locator("#view tr[data-ticket-id='" + id + "']").first()).isVisible();
    op.context().close();
  }

  /** A TCP relay to the node's HTTP port that can drop everything and refuse for a while. */
  static final class Relay {
    private final NetServer server;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private volatile long refuseUntil;

    Relay(Vertx vertx, int target) {
      var client = vertx.createNetClient();
      server = vertx.createNetServer().connectHandler(in -> {
        if (System.currentTimeMillis() < refuseUntil) {
          in.close();
          return;
        }
        in.pause();
        client.connect(target, "127.0.0.1").onSuccess(out -> {
          open.add(in);
          open.add(out);
          in.handler(out::write);
          out.handler(in::write);
          in.closeHandler(v -> { open.remove(in); out.close(); });
          out.closeHandler(v -> { open.remove(out); in.close(); });
          in.resume();
        }).onFailure(e -> in.close());
      });
      server.listen(0, "127.0.0.1").await();
    }

    int port() { return server.actualPort(); }

    void cut(long refuseMs) {
      refuseUntil = System.currentTimeMillis() + refuseMs;
      open.forEach(NetSocket::close);
    }
  }
}
