package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketStatus;
import cn.hotline12349.core.sla.SlaBoard;
import cn.hotline12349.core.sla.TicketClock;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.ticket.TicketFilter;
import cn.hotline12349.core.ticket.TicketHistoryPages;
import cn.hotline12349.core.ticket.TicketListPage;
import cn.hotline12349.core.ticket.TicketLists;
import cn.hotline12349.core.ticket.TicketRecord;
import cn.hotline12349.core.ticket.TicketSummaries;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/tickets}: keyset pages ({@code cursor} = the previous page's {@code next}), filters, the search box
 * ({@code q}); see docs/scale.md for the contract.
 */
final class TicketListRoutes {
  private final TicketLists lists;
  private final TicketHistoryPages history;
  private final SlaBoard sla;

  TicketListRoutes(TicketLists lists, TicketHistoryPages history, SlaBoard sla) {
    this.lists = lists;
    this.history = history;
    this.sla = sla;
  }

  void mount(Router api) {
    api.get("/tickets").handler(this::list);
    api.get("/tickets/:id/history").handler(this::history);
    api.get("/tickets/open-counts").handler(ctx -> lists.openCounts(Auth.actor(ctx)).onSuccess(AccessAudit.json(ctx)).onFailure(ctx::fail));
  }

  private void list(RoutingContext ctx) {
    TicketFilter f = filter(ctx);
    Role viewer = Auth.actor(ctx).role();
    lists.list(Auth.actor(ctx), f)
        // One entry per request with the ids; a search is audited by TicketLists itself (kinds and ids, never the
        // typed name or number, which the request line would carry).
        .onSuccess(p -> {
          if (f.q() != null) AccessAudit.done(ctx);
          else AccessAudit.ids(ctx, p.items().stream().map(TicketRecord::id).toList());
        })
        .compose(p -> sla.clocks(p.items().stream().map(TicketRecord::id).toList()).map(clocks -> json(p, viewer, clocks, f)))
        .onSuccess(AccessAudit.json(ctx))
        .onFailure(ctx::fail);
  }

  /** {@code GET /api/tickets/{id}/history?before=&size=}: newest first, {@code next} = the {@code before} of the next page. */
  private void history(RoutingContext ctx) {
    long id = TicketRoutes.id(ctx);
    Integer seq = QueryParams.optionalInteger(ctx, "before", Integer.MIN_VALUE, Integer.MAX_VALUE);
    history.page(Auth.actor(ctx), id, seq, size(ctx))
        .map(p -> {
          JsonObject out = new JsonObject().put("items", TicketJson.history(p.items()));
          if (p.next() != null) out.put("next", p.next());
          return out;
        })
        .onSuccess(AccessAudit.json(ctx))
        .onFailure(ctx::fail);
  }

  static TicketFilter filter(RoutingContext ctx) {
    var q = ctx.queryParams();
    if (q.contains("page")) {
      throw Problems.invalid("page", "lists are paged with cursor= (the 'next' of the previous page), not page numbers");
    }
    String stage = q.get("stage");
    if (stage != null) enumValue("stage", stage, SlaStage.class);
    String order = q.get("order");
    TicketFilter.Order o = order == null ? null : switch (order) {
      case "queue" -> TicketFilter.Order.QUEUE;
      case "recent" -> TicketFilter.Order.RECENT;
      default -> throw Problems.invalid("order", "order is queue or recent");
    };
    String claimed = q.get("claimed"); // me, none or a username: api/openapi.yaml
    return new TicketFilter(enums(ctx, "status", TicketStatus.class), enums(ctx, "severity", Severity.class),
        enums(ctx, "category", Category.class), blankToNull(q.get("org")), stage == null ? null : stage.toUpperCase(Locale.ROOT),
        QueryParams.bool(ctx, "open"), QueryParams.bool(ctx, "overdue"), QueryParams.bool(ctx, "warned"), claimed,
        QueryParams.time(ctx, "createdFrom", false), QueryParams.time(ctx, "createdTo", true), QueryParams.time(ctx, "dueFrom", false), QueryParams.time(ctx, "dueTo", true),
        q.get("q"), o, size(ctx), blankToNull(q.get("cursor")));
  }

  static JsonObject json(TicketListPage p, Role viewer, Map<Long, List<TicketClock>> clocks, TicketFilter f) {
    JsonArray items = new JsonArray();
    for (int i = 0; i < p.items().size(); i++) {
      TicketRecord t = p.items().get(i);
      JsonArray list = new JsonArray();
      clocks.getOrDefault(t.id(), List.of()).forEach(c -> list.add(c.toJson()));
      items.add(TicketJson.ticket(t, viewer).put("priority", p.priorities().get(i)).put("summary", TicketSummaries.oneLine(t.narrative()))
          .put("clocks", list));
    }
    JsonObject out = new JsonObject().put("items", items).put("size", f.size());
    if (p.next() != null) out.put("next", p.next());
    if (p.count() != null) {
      out.put("count", p.count()).put("countCapped", p.countCapped())
          .put("countText", p.countCapped() ? String.format(Locale.ROOT, "%,d+", p.count()) : Long.toString(p.count()));
    }
    if (p.searchKind() != null) out.put("searchKinds", new JsonArray(List.of(p.searchKind().split(","))));
    return out;
  }

  private static int size(RoutingContext ctx) { return QueryParams.integer(ctx, "size", 50, 1, TicketFilter.MAX_SIZE); }

  private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }

  private static <E extends Enum<E>> E enumValue(String name, String v, Class<E> type) {
    try {
      return Enum.valueOf(type, v); // exact: "new" or " NEW" is a mistake to report, not to guess
    } catch (IllegalArgumentException e) {
      throw Problems.invalid(name, "unknown " + name + " " + v.trim());
    }
  }

  private static <E extends Enum<E>> List<E> enums(RoutingContext ctx, String name, Class<E> type) {
    List<E> out = new ArrayList<>();
    for (String raw : ctx.queryParams().getAll(name)) {
      for (String v : raw.split(",")) if (!v.isBlank()) out.add(enumValue(name, v, type));
    }
    return out;
  }
}
