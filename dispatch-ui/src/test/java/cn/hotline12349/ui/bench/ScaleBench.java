package cn.hotline12349.ui.bench;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.db.Pools;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.generate.GenerateTickets;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.core.ticket.TicketFilter;
import cn.hotline12349.core.ticket.TicketLists;
import cn.hotline12349.ui.api.RunningApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code scripts/bench/scale [N=100000] [repeats=100] [sseClients=200] [all|board]}: generates N tickets (or reuses
 * the data directory named by HOTLINE_BENCH_DATA_DIR), starts the app, and times
 * the API (first and deep pages of the main lists as a province and a county user, each search kind, the board,
 * ticket detail) against the same SQL run raw on a pool (the yardstick), then the push delay to SSE clients.
 * Prints a Markdown table for docs/BENCHMARKS.md.
 */
public final class ScaleBench {
  // HTTP/1.1 as browsers speak to this server: an h2c upgrade would multiplex every stream on one connection (100 max).
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  public static void main(String[] args) throws Exception {
    long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int sseClients = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    String only = args.length > 3 ? args[3] : "all";
    // HOTLINE_BENCH_DATA_DIR: a data directory already loaded by scripts/generate-tickets (HOTLINE_DATA_DIR), reused
    // so that repeated runs at 1M do not regenerate; N is then only a label.
    String reuse = System.getenv("HOTLINE_BENCH_DATA_DIR");
    TestDb db;
    if (reuse != null && !reuse.isBlank()) {
      cn.hotline12349.core.db.EmbeddedDatabase pg = cn.hotline12349.core.db.EmbeddedDatabase.start(
          java.nio.file.Path.of(reuse).resolve("pg"), 0, cn.hotline12349.core.db.Durability.UNSAFE_NO_FSYNC);
      Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
      db = new TestDb(pg.config());
      System.out.println("reusing the generated data in " + reuse + " (" + db.config() + ")");
    } else {
      db = TestDatabase.create();
      System.out.println(GenerateTickets.load(db.config(), n, Instant.now()));
    }
    System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
    try (RunningApp app = RunningApp.start(db.config())) {
      Vertx vertx = Vertx.vertx();
      Pool raw = Pools.create(vertx, db.config(), 4);
      cn.hotline12349.core.domain.OrgTree orgTree = OrgUnitsCsv.load(ConfigDir.resolve());
      TicketLists lists = new TicketLists(raw, orgTree, Clock.systemUTC());
      Map<String, Actor> actors = actors(db);
      Samples samples = new Samples(db, app);
      System.out.printf(Locale.ROOT, "%n| query | user | API p50 | p95 | p99 | raw SQL p50 | p95 | p99 |%n|---|---|---|---|---|---|---|---|%n");
      for (String user : only.equals("board") ? List.<String>of() : List.of("prov", "h-chengdong")) {
        for (String[] q : samples.queries(user)) {
          String deep = q[2].equals("deep") ? samples.cursorAfter(user, q[1], 20) : null;
          String path = "/api/tickets?" + q[1] + (deep == null ? "" : "&cursor=" + deep);
          String token = app.login(user);
          Stats api = time(repeats, () -> get(app, token, path));
          TicketFilter f = filter(q[1], deep);
          TicketLists.RawQuery rq = lists.rawPage(actors.get(user), f);
          Stats sql = time(repeats, () -> raw.preparedQuery(rq.sql()).execute(rq.args()).await().size());
          System.out.printf(Locale.ROOT, "| %s | %s | %s | %s |%n", q[0], user, api, sql);
        }
      }
      String prov = app.login("prov");
      Stats board = time(repeats, () -> get(app, prov, "/api/sla/board"));
      // Yardstick: the board's two counter queries (V150) run raw, as the board runs them.
      java.time.ZoneId sh = java.time.ZoneId.of("Asia/Shanghai");
      Stats boardSql = time(repeats, () -> {
        Instant now = Instant.now();
        java.time.LocalDate today = now.atZone(sh).toLocalDate();
        String[] scope = cn.hotline12349.core.sla.BoardAggregates.scopeCodes(orgTree, "630000");
        int a = raw.withTransaction(tx -> tx.query("set local plan_cache_mode = force_custom_plan").execute().compose(v ->
            tx.preparedQuery(cn.hotline12349.core.sla.BoardAggregates.COUNTS_FROM_COUNTERS).execute(
            cn.hotline12349.core.sla.BoardAggregates.countsArgs(scope, now, today, today.atStartOfDay(sh).toInstant(),
                today.plusDays(1).atStartOfDay(sh).toInstant()))))
            .await().size();
        return a + raw.preparedQuery(cn.hotline12349.core.sla.BoardAggregates.ON_TIME_FROM_COUNTERS)
            .execute(Tuple.of(scope, today, today.withDayOfMonth(1))).await().size();
      });
      System.out.printf(Locale.ROOT, "| board (province) | prov | %s | %s |%n", board, boardSql);
      // Same run, for comparison: the counts query before the hour buckets (V150 alone: the shorter part of today read
      // from the clock rows), with the arguments it took then.
      Stats before = time(repeats, () -> {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        java.time.LocalDate today = now.atZone(sh).toLocalDate();
        Instant dayStart = today.atStartOfDay(sh).toInstant();
        Instant dayEnd = today.plusDays(1).atStartOfDay(sh).toInstant();
        Instant justAfter = now.plusNanos(1000);
        boolean past = java.time.Duration.between(dayStart, now).compareTo(java.time.Duration.between(now, dayEnd)) <= 0;
        return raw.preparedQuery(COUNTS_BEFORE_HOUR_BUCKETS).execute(Tuple.of(
            cn.hotline12349.core.sla.BoardAggregates.scopeCodes(orgTree, "630000"), odt(now), today,
            odt(past ? dayStart : justAfter), odt(past ? justAfter : dayEnd), past)).await().size();
      });
      System.out.printf(Locale.ROOT, "| board counts query before V210 (raw, same run) | prov | – | – | – | %s |%n", before);
      Stats countsNow = time(repeats, () -> {
        Instant now = Instant.now();
        java.time.LocalDate today = now.atZone(sh).toLocalDate();
        return raw.withTransaction(tx -> tx.query("set local plan_cache_mode = force_custom_plan").execute().compose(v ->
            tx.preparedQuery(cn.hotline12349.core.sla.BoardAggregates.COUNTS_FROM_COUNTERS).execute(
            cn.hotline12349.core.sla.BoardAggregates.countsArgs(
                cn.hotline12349.core.sla.BoardAggregates.scopeCodes(orgTree, "630000"), now, today,
                today.atStartOfDay(sh).toInstant(), today.plusDays(1).atStartOfDay(sh).toInstant())))).await().size();
      });
      System.out.printf(Locale.ROOT, "| board counts query now (raw, same run) | prov | – | – | – | %s |%n", countsNow);
      System.out.printf(Locale.ROOT, "running clocks due today (Asia/Shanghai): %s; hour buckets: %s rows%n",
          scalar(db, "select count(*) from sla_deadlines where status = 'RUNNING' and due_at >= date_trunc('day', now() at time zone 'Asia/Shanghai') at time zone 'Asia/Shanghai' and due_at < (date_trunc('day', now() at time zone 'Asia/Shanghai') + interval '1 day') at time zone 'Asia/Shanghai'"),
          scalar(db, "select count(*) from board_hour_counts"));
      Stats boardList = time(repeats, () -> get(app, prov, "/api/sla/board/overdue?size=50"));
      System.out.printf(Locale.ROOT, "| board overdue list, first page | prov | %s | – | – | – |%n", boardList);
      // The board view's reads (js/views/board.js): the numbers and the open counts at once; once they are painted,
      // the four lists' first 100 at once. Each list alone, then the whole load as the browser makes it.
      List<String> viewLists = List.of("/api/sla/board/overdue?size=100", "/api/sla/board/dueSoon?size=100",
          "/api/sla/board/supervision?size=100", "/api/mandatory-reports?size=100");
      for (String path : viewLists) {
        Stats one = time(repeats, () -> get(app, prov, path));
        System.out.printf(Locale.ROOT, "| board view list %s | prov | %s | – | – | – |%n", path, one);
      }
      Stats openCounts = time(repeats, () -> get(app, prov, "/api/tickets/open-counts"));
      System.out.printf(Locale.ROOT, "| open counts (the board view's other number read) | prov | %s | – | – | – |%n", openCounts);
      // Same run, for comparison: the open counts as they were counted before V265's counters (a copy kept only as
      // this yardstick), raw, for the province.
      Stats openBefore = time(repeats, () -> raw.preparedQuery(OPEN_COUNTS_BEFORE_COUNTERS).execute(Tuple.of("630000"))
          .await().size());
      System.out.printf(Locale.ROOT, "| open counts query before V265 (raw, same run) | prov | – | – | – | %s |%n",
          openBefore);
      System.out.printf(Locale.ROOT, "open tickets: %s; open-ticket counters: %s rows, unfolded deltas: %s%n",
          scalar(db, "select count(*) from tickets where queue_rank >= 0"),
          scalar(db, "select count(*) from open_ticket_counts"),
          scalar(db, "select count(*) from open_ticket_count_deltas"));
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
      java.util.function.Function<List<String>, Integer> together = paths -> paths.stream()
          .map(p -> java.util.concurrent.CompletableFuture.supplyAsync(() -> get(app, prov, p), pool)).toList()
          .stream().mapToInt(java.util.concurrent.CompletableFuture::join).sum();
      Stats numbers = time(repeats, () -> together.apply(List.of("/api/sla/board", "/api/tickets/open-counts")));
      Stats wholeView = time(repeats, () -> together.apply(List.of("/api/sla/board", "/api/tickets/open-counts"))
          + together.apply(viewLists));
      pool.shutdown();
      System.out.printf(Locale.ROOT, "| board view: numbers + open counts at once (first paint) | prov | %s | – | – | – |%n", numbers);
      System.out.printf(Locale.ROOT, "| board view: first paint, then the four lists at once | prov | %s | – | – | – |%n", wholeView);
      String detailPath = "/api/tickets/" + samples.someOpenId();
      Stats detail = time(repeats, () -> get(app, prov, detailPath));
      System.out.printf(Locale.ROOT, "| ticket detail | prov | %s | – | – | – |%n", detail);
      System.out.printf(Locale.ROOT, "load average at the end of the timed requests: %s%n", loadAverage());
      if (!only.equals("board")) {
        System.out.printf(Locale.ROOT, "%npush delay, %d SSE clients (half province, half 城东区): %s%n", sseClients,
            PushDelay.measure(app, sseClients, 10));
      }
      raw.close().await();
      vertx.close().await();
    }
    System.exit(0);
  }

  /** The province's open-counts query before V265 (TicketLists counted the open tickets per request). */
  static final String OPEN_COUNTS_BEFORE_COUNTERS = "select coalesce(t.county_code, t.intake_org), t.status, count(*),"
      + " t.county_code, t.intake_org from tickets t where t.queue_rank >= 0 and $1::text is not null"
      + " group by 1, 2, 4, 5 order by 1, 2, 4, 5";

  /** The counts query of V150 before the hour buckets (BoardAggregates at commit 83b1469), kept as a reference. */
  private static final String COUNTS_BEFORE_HOUR_BUCKETS = """
      with k as (
        select owner_org, stage, status, warned, day, n from board_counts where status in ('RUNNING', 'PAUSED')
           and owner_org = any($1)
         union all
        select owner_org, stage, status, warned, day, n from board_count_deltas where status in ('RUNNING', 'PAUSED')
           and owner_org = any($1))
      select owner_org, stage, state, sum(n)::bigint from (
        select owner_org, stage,
               case when status = 'PAUSED' then 'PAUSED' when day < $3 then 'OVERDUE'
                    when day = $3 and not $6 then 'OVERDUE' when warned then 'WARNED' else 'ON_TIME' end as state, n
          from k
        union all
        select d.owner_org, d.stage, x.state, x.n
          from sla_deadlines d, lateral (values
                 (case when d.next_mark > 0 then 'WARNED' else 'ON_TIME' end, case when $6 then -1 else 1 end),
                 ('OVERDUE', case when $6 then 1 else -1 end)) x (state, n)
         where d.status = 'RUNNING' and d.due_at >= $4 and d.due_at < $5 and d.owner_org = any($1)
        union all
        select d.owner_org, d.stage, x.state, x.n
          from sla_deadlines d, (values ('WARNED', 1), ('ON_TIME', -1)) x (state, n)
         where d.next_fire_at <= $2 and d.status = 'RUNNING' and d.next_mark = 0
           and (d.due_at > $2 or d.due_at is null) and d.owner_org = any($1)) s
      group by 1, 2, 3 having sum(n) <> 0""";

  private static java.time.OffsetDateTime odt(Instant t) { return t.atOffset(java.time.ZoneOffset.UTC); }

  private static String scalar(TestDb db, String sql) {
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }

  static int get(RunningApp app, String token, String path) {
    RunningApp.Response r = app.send("GET", path, token, null);
    if (r.status() != 200) throw new IllegalStateException(path + " -> " + r.status() + " " + r.body());
    return r.body().length();
  }

  private static TicketFilter filter(String query, String cursor) {
    Map<String, String> p = new java.util.HashMap<>();
    for (String kv : query.split("&")) {
      String[] x = kv.split("=", 2);
      p.put(x[0], java.net.URLDecoder.decode(x[1], StandardCharsets.UTF_8));
    }
    return new TicketFilter(null, null, null, null, null, p.containsKey("open") ? Boolean.valueOf(p.get("open")) : null,
        null, null, null, null, null, null, null, p.get("q"),
        "recent".equals(p.get("order")) ? TicketFilter.Order.RECENT : TicketFilter.Order.QUEUE,
        Integer.parseInt(p.getOrDefault("size", "50")), cursor);
  }

  private static Map<String, Actor> actors(TestDb db) throws Exception {
    Map<String, Actor> out = new ConcurrentHashMap<>();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         ResultSet rs = c.createStatement().executeQuery("select id, username, role, org_code from users")) {
      while (rs.next()) {
        out.put(rs.getString(2), new Actor(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4)));
      }
    }
    return out;
  }

  static Stats time(int repeats, Supplier<Object> call) {
    for (int i = 0; i < Math.max(3, repeats / 10); i++) call.get();
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      long t0 = System.nanoTime();
      call.get();
      ms.add((System.nanoTime() - t0) / 1e6);
    }
    return new Stats(ms);
  }

  record Stats(List<Double> ms) {
    double p(double q) {
      List<Double> s = new ArrayList<>(ms);
      Collections.sort(s);
      return s.get(Math.min(s.size() - 1, (int) Math.ceil(q * s.size()) - 1));
    }

    @Override public String toString() {
      return String.format(Locale.ROOT, "%.1f ms | %.1f ms | %.1f ms", p(0.5), p(0.95), p(0.99));
    }
  }

  /** Query strings of the benchmark, with sample values taken from the generated data. */
  record Samples(TestDb db, RunningApp app) {
    List<String[]> queries(String user) throws Exception {
      JsonObject t = sample(user);
      String ref = t.getString("ref");
      String child = t.getJsonArray("children").isEmpty() ? "小丽" : t.getJsonArray("children").getJsonObject(0).getString("name", "小丽");
      String phone = phoneOf(t.getLong("id"));
      List<String[]> out = new ArrayList<>(List.of(
          new String[] {"queue, first page", "open=true&size=50", "first"},
          new String[] {"queue, page 21", "open=true&size=50", "deep"},
          new String[] {"all, recent, first page", "order=recent&size=50", "first"},
          new String[] {"all, recent, page 21", "order=recent&size=50", "deep"},
          new String[] {"search: reference exact", "q=" + enc(ref), "first"},
          new String[] {"search: reference prefix", "q=" + enc(ref.substring(0, 12)), "first"},
          new String[] {"search: phone, other format", "q=" + enc("+86 " + phone.substring(0, 3) + "-" + phone.substring(3)), "first"},
          new String[] {"search: phone last 4", "q=" + phone.substring(phone.length() - 4), "first"},
          new String[] {"search: child name", "q=" + enc(child == null ? "小丽" : child), "first"},
          new String[] {"search: pinyin", "q=xiaoli", "first"},
          new String[] {"search: initials", "q=zxl", "first"},
          new String[] {"search: text, common", "q=" + enc("光明村"), "first"},
          new String[] {"search: text, common word", "q=" + enc("孩子"), "first"},
          new String[] {"search: text, rare", "q=" + enc("左臂有淤青"), "first"}));
      return out;
    }

    private JsonObject sample(String user) {
      JsonArray items = app.get(user, "/api/tickets?order=recent&size=50&open=false").json().getJsonArray("items");
      for (Object o : items) {
        JsonObject t = (JsonObject) o;
        if (!t.getJsonArray("children").isEmpty() && t.getJsonArray("children").getJsonObject(0).getString("name") != null) return t;
      }
      return items.getJsonObject(0);
    }

    private String phoneOf(long id) throws Exception {
      try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
           ResultSet rs = c.createStatement().executeQuery(
               "select caller_number_norm from tickets where caller_number_norm like '1%' and id <= " + id
                   + " order by id desc limit 1")) {
        rs.next();
        return rs.getString(1);
      }
    }

    long someOpenId() {
      return app.get("prov", "/api/tickets?open=true&size=1").json().getJsonArray("items").getJsonObject(0).getLong("id");
    }

    String cursorAfter(String user, String query, int pages) {
      String cursor = null;
      for (int i = 0; i < pages; i++) {
        JsonObject p = app.get(user, "/api/tickets?" + query + (cursor == null ? "" : "&cursor=" + cursor)).json();
        if (!p.containsKey("next")) break;
        cursor = p.getString("next");
      }
      return cursor;
    }

    private static String enc(String s) { return URLEncoder.encode(s, StandardCharsets.UTF_8); }
  }

  /** Opens SSE clients, creates tickets, and measures commit-to-browser delay of their news. */
  static final class PushDelay {
    static String measure(RunningApp app, int clients, int rounds) throws Exception {
      String[] tokens = {app.login("prov"), app.login("h-chengdong")};
      Map<Long, List<Double>> seen = new ConcurrentHashMap<>();
      java.util.concurrent.atomic.AtomicLong roundStart = new java.util.concurrent.atomic.AtomicLong();
      CountDownLatch open = new CountDownLatch(clients);
      List<java.util.concurrent.CompletableFuture<?>> streams = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.base() + "/api/events"))
            .header("Authorization", "Bearer " + tokens[i % 2]).build();
        streams.add(HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
          open.countDown();
          r.body().forEach(line -> {
            if (!line.startsWith("data: ")) return;
            JsonObject m = new JsonObject(line.substring(6));
            JsonObject b = m.getJsonObject("body");
            if (!"hotline.ticket.changed".equals(m.getString("address")) || !"DISPATCHED".equals(b.getString("type"))) return;
            seen.computeIfAbsent(b.getLong("ticketId"), k -> Collections.synchronizedList(new ArrayList<>()))
                .add((System.nanoTime() - roundStart.get()) / 1e6);
          });
        }));
      }
      open.await(60, TimeUnit.SECONDS);
      Thread.sleep(500);
      List<Double> all = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        JsonObject body = new JsonObject().put("callerRelation", "邻居").put("category", "VIOLATION")
            .put("severity", "HIGH").put("narrative", "推送延迟测试。").put("dispatchTo", "630102")
            .put("children", new JsonArray().add(new JsonObject().put("name", "小明").put("age", 6).put("countyCode", "630102")));
        roundStart.set(System.nanoTime());
        long id = app.post("op-xining", "/api/tickets", body).json().getLong("id");
        Thread.sleep(1500);
        List<Double> got = seen.getOrDefault(id, List.of());
        all.addAll(got);
        if (got.size() < clients) System.out.printf(Locale.ROOT, "round %d: %d of %d clients got the news%n", r, got.size(), clients);
      }
      streams.forEach(s -> s.cancel(true));
      return all.isEmpty() ? "no deliveries measured" : String.format(Locale.ROOT,
          "%d deliveries, p50/p95/p99 = %s (from sending the POST that creates and dispatches a ticket to reading its DISPATCHED frame)",
          all.size(), new Stats(all));
    }
  }
}
