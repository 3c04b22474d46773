package cn.hotline12349.ui.bench;

import cn.hotline12349.core.db.Durability;
import cn.hotline12349.core.db.EmbeddedDatabase;
import cn.hotline12349.core.generate.GenerateTickets;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.ui.api.RunningApp;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * {@code scripts/bench/scale-browser [loads=12] [N]}: time to interactive of the workbench views and the board in
 * Debian's Chromium (headless, Playwright) on generated data, as a province supervisor and a county handler.
 * Data: HOTLINE_BENCH_DATA_DIR (a directory loaded by scripts/generate-tickets), else N tickets generated into a
 * throw-away database.
 *
 * <p>Time to interactive (TTI) of one load: from the navigation's start (the page's {@code performance} time origin:
 * a full load of the app shell with the user's session cookie, HTTP cache warm, as a user reopening the page) to the
 * first animation frame at which the view's data is on screen and usable:
 * <ul>
 *   <li>ticket list ({@code #/tickets/}, the workbench of both users): at least one row of the first page rendered and
 *       the search box present and enabled;</li>
 *   <li>county workbench ({@code #/county}): at least one row of the county's queue rendered;</li>
 *   <li>board ({@code #/board}): the KPI numbers rendered (overdue holds digits) and the first rows of the overdue
 *       list;</li>
 *   <li>login page, logged out: the user name field shown (no data; what the browser alone costs at this load).</li>
 * </ul>
 * Yardstick, same run: the API calls that load made (recorded from the browser), replayed one after another with
 * Java's HTTP client and the same session cookie; their summed time is what the server alone costs (the page runs
 * some of them at once, so the browser's TTI may come in under the sum).
 */
public final class BrowserTtiBench {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static final String LIST_READY = """
      () => { const row = document.querySelector('table[data-list=tickets] tbody tr');
              const q = document.querySelector('input[name=q]');
              return row && q && !q.disabled && q.offsetParent !== null ? performance.now() : null; }""";
  private static final String COUNTY_READY = """
      () => document.querySelector('[data-list=queue] tbody tr, [data-list=mine] tbody tr') ? performance.now() : null""";
  private static final String BOARD_READY = """
      () => { const k = document.querySelector('[data-kpi=overdue]');
              const row = document.querySelector('[data-list=overdue] tbody tr');
              return k && /\\d/.test(k.textContent) && row ? performance.now() : null; }""";

  /** The login page: no data, no API call but the session check; the browser's own share at this load. */
  private static final String LOGIN_READY = """
      () => { const u = document.querySelector('#username');
              return u && u.offsetParent !== null ? performance.now() : null; }""";

  private record View(String user, String name, String route, String ready) { }

  public static void main(String[] args) throws Exception {
    int loads = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    if (!Files.isExecutable(CHROMIUM)) throw new IllegalStateException("Debian Chromium is needed at " + CHROMIUM);
    String reuse = System.getenv("HOTLINE_BENCH_DATA_DIR");
    TestDb db;
    if (reuse != null && !reuse.isBlank()) {
      EmbeddedDatabase pg = EmbeddedDatabase.start(Path.of(reuse).resolve("pg"), 0, Durability.UNSAFE_NO_FSYNC);
      Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
      db = new TestDb(pg.config());
      System.out.println("reusing the generated data in " + reuse);
    } else {
      db = TestDatabase.create();
      long n = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
      System.out.println(GenerateTickets.load(db.config(), n, Instant.now()));
    }
    List<View> views = List.of(
        new View("-", "login page (no data: the browser's share)", "#/login", LOGIN_READY),
        new View("prov", "board", "#/board", BOARD_READY),
        new View("prov", "ticket list (workbench)", "#/tickets/", LIST_READY),
        new View("h-chengdong", "county workbench", "#/county", COUNTY_READY),
        new View("h-chengdong", "ticket list (workbench)", "#/tickets/", LIST_READY));
    try (RunningApp app = RunningApp.start(db.config());
         Playwright pw = Playwright.create(new Playwright.CreateOptions()
             .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
      Browser browser = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
          .setHeadless(true).setArgs(List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
              "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync")));
      System.out.printf(Locale.ROOT, "load average at start: %s, %d measured loads per view after 2 warm-up loads%n",
          ScaleBench.loadAverage(), loads);
      System.out.printf(Locale.ROOT, "%n| view | user | TTI p50 | p95 | max | API calls of the load, raw sum p50 | p95 "
          + "| calls per load | TTI / API p50 |%n|---|---|---|---|---|---|---|---|---|%n");
      String lastUser = null;
      BrowserContext context = null;
      Page page = null;
      for (View v : views) {
        if (!v.user().equals(lastUser)) {
          if (context != null) context.close();
          context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1366, 768)
              .setLocale("zh-CN").setTimezoneId("Asia/Shanghai"));
          page = context.newPage();
          page.setDefaultTimeout(60_000);
          if (!v.user().equals("-")) login(page, app.base(), v.user());
          lastUser = v.user();
        }
        List<String> calls = new CopyOnWriteArrayList<>();
        java.util.function.Consumer<com.microsoft.playwright.Request> recorder = r -> {
          String u = r.url();
          if (u.contains("/api/") && !u.contains("/api/events") && "GET".equals(r.method())) calls.add(u);
        };
        page.onRequest(recorder);
        List<Double> tti = new ArrayList<>();
        List<Double> api = new ArrayList<>();
        List<Integer> callCount = new ArrayList<>();
        String cookie = cookieHeader(context.cookies(app.base()));
        for (int i = 0; i < loads + 2; i++) {
          page.navigate("about:blank");
          calls.clear();
          page.navigate(app.base() + "/" + v.route());
          Object t = page.waitForFunction(v.ready(), null, new Page.WaitForFunctionOptions().setTimeout(60_000))
              .jsonValue();
          List<String> made = List.copyOf(calls);
          page.waitForTimeout(300); // let the view's remaining calls and the event stream settle before the next load
          if (i < 2) continue;
          tti.add(((Number) t).doubleValue());
          api.add(replay(made, cookie, v.user().equals("-")));
          callCount.add(made.size());
        }
        page.offRequest(recorder);
        double ttiP50 = p(tti, 0.5);
        double apiP50 = p(api, 0.5);
        System.out.printf(Locale.ROOT, "| %s | %s | %.0f ms | %.0f ms | %.0f ms | %.1f ms | %.1f ms | %s | %.1f |%n",
            v.name(), v.user(), ttiP50, p(tti, 0.95), Collections.max(tti), apiP50, p(api, 0.95),
            callCount.stream().distinct().sorted().map(String::valueOf).collect(Collectors.joining("–")),
            ttiP50 / apiP50);
        System.out.println("  calls of the last load: " + String.join(" ", lastCalls(calls, app.base())));
      }
      if (context != null) context.close();
      browser.close();
      System.out.printf(Locale.ROOT, "%nload average at the end: %s%n", ScaleBench.loadAverage());
    }
    System.exit(0);
  }

  private static void login(Page page, String base, String user) {
    page.navigate(base + "/");
    page.locator("#username").fill(user);
    page.locator("#password").fill(RunningApp.PASSWORD);
    page.locator("#password").press("Enter");
    page.locator("#logout").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
  }

  private static String cookieHeader(List<Cookie> cookies) {
    return cookies.stream().map(c -> c.name + "=" + c.value).collect(Collectors.joining("; "));
  }

  /** The calls of one load, one after another, with the browser's session cookie; milliseconds in all. */
  private static double replay(List<String> urls, String cookie, boolean anonymous) throws Exception {
    long t0 = System.nanoTime();
    for (String u : urls) {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(u)).timeout(Duration.ofSeconds(30)).GET();
      if (!cookie.isEmpty()) b.header("Cookie", cookie);
      HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      // Logged out, the session check answers 401: that is the login page's call.
      if (r.statusCode() != 200 && !(anonymous && r.statusCode() == 401)) {
        throw new IllegalStateException(u + " -> " + r.statusCode());
      }
    }
    return (System.nanoTime() - t0) / 1e6;
  }

  private static List<String> lastCalls(List<String> urls, String base) {
    return urls.stream().map(u -> u.substring(base.length()).replaceAll("cursor=[^&]+", "cursor=…")).toList();
  }

  private static double p(List<Double> ms, double q) {
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(q * s.size()) - 1));
  }
}
