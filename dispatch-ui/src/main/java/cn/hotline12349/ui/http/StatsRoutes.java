package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.stats.CsvRows;
import cn.hotline12349.core.stats.ExportFilter;
import cn.hotline12349.core.stats.StatsQuery;
import cn.hotline12349.core.stats.TicketExport;
import cn.hotline12349.core.stats.XlsxSheet;
import cn.hotline12349.ui.LoopServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * GET /api/stats and the ticket exports (CSV, XLSX), streamed: each page of rows is written to the response before
 * the next is read, and the XLSX writer runs on a worker thread, flushing each page.
 */
final class StatsRoutes {
  static final ZoneId LOCAL = QueryParams.LOCAL;
  private final Vertx vertx;
  private final LoopServices loop;
  private final java.time.Clock clock;

  StatsRoutes(Vertx vertx, LoopServices loop, java.time.Clock clock) {
    this.vertx = vertx;
    this.loop = loop;
    this.clock = clock;
  }

  void mount(Router api) {
    api.get("/stats").handler(this::stats);
    api.get("/exports/tickets.csv").handler(ctx -> export(ctx, false));
    api.get("/exports/tickets.xlsx").handler(ctx -> export(ctx, true));
  }

  private void stats(RoutingContext ctx) {
    StatsQuery.By by = StatsQuery.By.parse(ctx.queryParams().get("by"));
    if (by == null) throw Problems.invalid("by", "by must be one of " + StatsQuery.By.names());
    LocalDate today = LocalDate.ofInstant(clock.instant(), LOCAL);
    Instant from = QueryParams.time(ctx, "from", false);
    Instant to = QueryParams.time(ctx, "to", true);
    if (from == null) from = today.withDayOfMonth(1).atStartOfDay(LOCAL).toInstant();
    if (to == null) to = today.plusDays(1).atStartOfDay(LOCAL).toInstant();
    loop.stats().stats(Auth.actor(ctx), new StatsQuery(from, to, by, ctx.queryParams().get("org")))
        .onSuccess(AccessAudit.json(ctx)).onFailure(ctx::fail);
  }

  private void export(RoutingContext ctx, boolean xlsx) {
    boolean full = Boolean.TRUE.equals(QueryParams.bool(ctx, "full"));
    ExportFilter f = new ExportFilter(enums(ctx, "status", TicketStatus.class), enums(ctx, "severity", Severity.class),
        blank(ctx.queryParams().get("org")), QueryParams.time(ctx, "from", false), QueryParams.time(ctx, "to", true));
    var actor = Auth.actor(ctx);
    loop.export().check(actor, f, full).onFailure(ctx::fail).onSuccess(v -> AccessAudit.send(ctx, 200, () -> {
      HttpServerResponse res = ctx.response().setChunked(true);
      String name = "tickets-" + LocalDate.now(LOCAL) + (full ? "-full" : "") + (xlsx ? ".xlsx" : ".csv");
      res.putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
      Future<Long> done = xlsx ? xlsx(res, actor, f, full) : csv(res, actor, f, full);
      // Once the first bytes are out a problem+json answer is impossible: cut the stream so a half file is not taken for whole.
      done.onFailure(e -> { if (res.headWritten()) res.reset(); else ctx.fail(e); });
    }));
  }

  private Future<Long> csv(HttpServerResponse res, cn.hotline12349.core.domain.Actor actor, ExportFilter f, boolean full) {
    res.putHeader("Content-Type", "text/csv; charset=utf-8");
    return res.write(CsvRows.BOM + CsvRows.line(TicketExport.header(full)))
        .compose(v -> loop.export().stream(actor, f, full, rows -> {
          StringBuilder b = new StringBuilder();
          rows.forEach(r -> b.append(CsvRows.line(r)));
          return res.write(b.toString());
        }))
        .compose(n -> res.end().map(n));
  }

  private Future<Long> xlsx(HttpServerResponse res, cn.hotline12349.core.domain.Actor actor, ExportFilter f, boolean full) {
    res.putHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    Drain out = new Drain();
    AtomicReference<XlsxSheet> sheet = new AtomicReference<>();
    return vertx.executeBlocking(() -> {
          sheet.set(new XlsxSheet(out, "tickets", TicketExport.header(full)));
          return out.take();
        })
        .compose(res::write)
        .compose(v -> loop.export().stream(actor, f, full, rows -> vertx.executeBlocking(() -> {
          sheet.get().write(rows);
          return out.take();
        }).compose(res::write)))
        .compose(n -> vertx.executeBlocking(() -> {
          sheet.get().close();
          return out.take();
        }).compose(res::end).map(n));
  }

  /** What the XLSX writer produced since the last page, handed to the response page by page. */
  private static final class Drain extends ByteArrayOutputStream {
    synchronized Buffer take() {
      Buffer b = Buffer.buffer(toByteArray());
      reset();
      return b;
    }
  }

  private static String blank(String s) { return s == null || s.isBlank() ? null : s.trim(); }

  private static <E extends Enum<E>> List<E> enums(RoutingContext ctx, String name, Class<E> type) {
    List<E> out = new ArrayList<>();
    for (String raw : ctx.queryParams().getAll(name)) {
      for (String v : raw.split(",")) {
        if (v.isBlank()) continue;
        try {
          out.add(Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw Problems.invalid(name, "unknown " + name + " " + v.trim());
        }
      }
    }
    return out;
  }
}
