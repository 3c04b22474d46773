package cn.hotline12349.ui.ops;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.loopback.AmiMessage;
import cn.hotline12349.telephony.loopback.AmiTranscript;
import cn.hotline12349.telephony.loopback.CallSynthesizer;
import cn.hotline12349.telephony.loopback.Replay;
import cn.hotline12349.ui.api.RunningApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The on-call meters of a running node fed by a loopback Asterisk, read from its Prometheus scrape. */
class OpsMetricsTest {
  @RegisterExtension
  static final RunningApp app = RunningApp.perClass().withLoopbackPbx()
      .env(Map.of("HOTLINE_GAUGE_REFRESH_MS", "200", "HOTLINE_NODE_NAME", "solo"));

  @BeforeAll
  static void start() throws Exception {
    await(() -> value("hotline_pbx_connected{node=\"solo\"}") == 1.0);
  }

  @Test
  void callsTicketsAndThePbxShowInTheScrapeWithoutNumbers() throws Exception {
    List<AmiMessage> five = AmiTranscript.loadEvents(AmiTranscript.FIVE_ANSWERED);
    List<AmiMessage> abandoned = new CallSynthesizer(AmiTranscript.loadEvents(AmiTranscript.ABANDONED)).synthesize(
        List.of(new CallSynthesizer.Spec("13909719999", "hotline-630100", "1001", "630100")), 1795800000.0, 0, 900);
    Replay.backToBack().run(app.pbx, five);
    Replay.backToBack().run(app.pbx, abandoned);
    await(() -> value("hotline_calls_total{outcome=\"answered\"}") == 5.0
        && value("hotline_calls_total{outcome=\"abandoned\"}") == 1.0);
    assertThat(value("hotline_calls_answer_time_seconds_count")).isEqualTo(5.0);
    assertThat(value("hotline_calls_answered_within15s_total")).isBetween(0.0, 5.0);
    await(() -> value("hotline_screenpop_latency_seconds_count") == 5.0);
    assertThat(value("hotline_screenpop_latency_seconds_max")).isPositive().isLessThan(5.0);

    JsonObject ticket = new JsonObject().put("callerNumber", "13909718888").put("callerRelation", "邻居")
        .put("children", new JsonArray().add(new JsonObject().put("name", "小明").put("age", 9).put("gender", "MALE")
            .put("countyCode", "630102").put("address", "某村")))
        .put("category", "LIFE_DIFFICULTY").put("severity", "NORMAL").put("narrative", "孩子无人照看。");
    double before = value("hotline_tickets_open{category=\"LIFE_DIFFICULTY\",severity=\"NORMAL\"}");
    assertThat(app.post("op-xining", "/api/tickets", ticket).status()).isEqualTo(201);
    await(() -> value("hotline_tickets_open{category=\"LIFE_DIFFICULTY\",severity=\"NORMAL\"}") == before + 1);

    assertThat(value("hotline_pbx_owner{node=\"solo\"}")).isEqualTo(1.0);
    assertThat(value("hotline_calls_waiting")).isEqualTo(0.0);
    assertThat(value("hotline_db_pool_connections{state=\"max\"}")).isEqualTo(16.0);
    assertThat(scrape()).contains("hotline_operators{state=\"AVAILABLE\"}", "hotline_calls_today{outcome=\"answered\"}",
        "hotline_sla_firing_lag_seconds").doesNotContain("13909719999", "13909718888");
  }

  @Test
  void everySeriesTheDashboardAndAlertsReadIsScraped() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("..", "scripts", "ops");
    new JsonObject(java.nio.file.Files.readString(dir.resolve("grafana-dashboard.json"))); // valid JSON
    String names = scrape().lines().filter(l -> !l.startsWith("#")).map(l -> l.split("[{ ]", 2)[0])
        .reduce("", (x, y) -> x + " " + y + " ");
    java.util.Set<String> used = new java.util.TreeSet<>();
    for (String f : List.of("grafana-dashboard.json", "alerts.yml")) {
      Matcher m = Pattern.compile("hotline_[a-z0-9_]+").matcher(java.nio.file.Files.readString(dir.resolve(f)));
      while (m.find()) used.add(m.group());
    }
    assertThat(used).hasSizeGreaterThan(10);
    assertThat(used).allSatisfy(n -> assertThat(names).as("scraped series").contains(" " + n + " "));
  }

  static String scrape() { return app.app.services().registry().scrape(); }

  /** The value of one series (name with its labels exactly as scraped), 0 when absent. */
  static double value(String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape());
    return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
  }

  static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out; scrape:\n" + scrape().lines()
          .filter(l -> l.startsWith("hotline_")).reduce("", (a, b) -> a + b + "\n"));
      Thread.sleep(50);
    }
  }
}
