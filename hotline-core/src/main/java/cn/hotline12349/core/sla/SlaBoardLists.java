package cn.hotline12349.core.sla;

import cn.hotline12349.core.paging.KeysetCursor;
import cn.hotline12349.core.paging.KeysetCursor.Part;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The board's lists for one org unit's subtree: overdue clocks, clocks past their warning mark (due soon) and open
 * supervision orders, soonest first. Codes, refs and times only: the board is shown on a wall, so no names, numbers or
 * narratives. Keyset pages (issue 12): the cursor is the last row's (due time, ticket, clock key) or (due time, order
 * id), so rows arriving meanwhile never shift a page (V150/V152 indexes walked in that order).
 */
final class SlaBoardLists {
  static final int LIMIT = 100;

  /** One page of a list; {@code next} is null on the last page. */
  record Page(JsonArray items, String next) { }

  enum Kind { OVERDUE, DUE_SOON, SUPERVISION }

  private static final String SCOPE = "(%s in (select code from org_units where code = $1 or parent_code = $1"
      + " or parent_code in (select code from org_units where parent_code = $1)))";
  private static final String CLOCK_ROWS = """
      select d.ticket_id, t.ref, t.severity, t.status, t.intake_org, t.county_code, d.stage, d.clock_key, d.owner_org,
             d.due_at
        from sla_deadlines d join tickets t on t.id = d.ticket_id
       where d.status = 'RUNNING' and\s""" + SCOPE.formatted("d.owner_org");
  private static final String MICROS = "(timestamptz 'epoch' + %s::bigint * interval '1 microsecond')";

  private final Pool pool;

  SlaBoardLists(Pool pool) { this.pool = pool; }

  Future<JsonArray> overdue(String org, Instant now) { return page(Kind.OVERDUE, org, now, LIMIT, null).map(Page::items); }

  /** Running clocks past their warning mark but not yet due. */
  Future<JsonArray> dueSoon(String org, Instant now) { return page(Kind.DUE_SOON, org, now, LIMIT, null).map(Page::items); }

  /** Open orders issued by or addressed to a unit of the subtree. */
  Future<JsonArray> supervision(String org, Instant now) {
    return page(Kind.SUPERVISION, org, now, LIMIT, null).map(Page::items);
  }

  /** A page of {@code size} rows after {@code cursor} (null: the first page). */
  Future<Page> page(Kind kind, String org, Instant now, int size, String cursor) {
    List<Object> args = new ArrayList<>(List.of(org, SlaStore.odt(now)));
    KeysetCursor.Key key = codec(kind).decode(cursor);
    if (key != null) {
      args.add(key.number(0));
      args.add(key.number(1));
      if (kind != Kind.SUPERVISION) args.add(key.text(2));
    }
    return pool.preparedQuery(sql(kind, key != null, size)).execute(Tuple.from(args)).map(rows -> {
      JsonArray out = new JsonArray();
      String next = null;
      for (Row r : rows) {
        if (out.size() == size) {
          JsonObject last = out.getJsonObject(size - 1);
          long due = micros(Instant.parse(last.getString("dueAt")));
          next = kind == Kind.SUPERVISION ? codec(kind).encode(due, last.getLong("orderId"))
              : codec(kind).encode(due, last.getLong("ticketId"), last.getString("clockKey"));
          break;
        }
        out.add(kind == Kind.SUPERVISION ? orderRow(r, now) : clockRow(r, now));
      }
      return new Page(out, next);
    });
  }

  /**
   * A list's page SQL: $1 org, $2 now, and after a cursor $3 its due time (epoch micros), $4 its ticket or order id,
   * $5 its clock key. Public through {@link SlaBoard#listSql} for the plan test.
   */
  static String sql(Kind kind, boolean afterKey, int size) {
    return switch (kind) {
      case OVERDUE, DUE_SOON -> {
        String after = !afterKey ? ""
            : " and (d.due_at, d.ticket_id, d.clock_key) > (" + MICROS.formatted("$3") + ", $4::bigint, $5::text)";
        yield CLOCK_ROWS + (kind == Kind.OVERDUE ? " and d.due_at <= $2"
            : " and d.due_at > $2 and (d.next_mark > 0 or d.next_fire_at <= $2)")
            + after + " order by d.due_at, d.ticket_id, d.clock_key limit " + (size + 1);
      }
      case SUPERVISION -> {
        String after = !afterKey ? "" : " and (o.due_at, o.id) > (" + MICROS.formatted("$3") + ", $4::bigint)";
        yield """
            select o.id, o.ticket_id, t.ref, t.severity, t.status, o.issued_by_org, o.target_org, o.issued_at, o.due_at
              from supervision_orders o join tickets t on t.id = o.ticket_id
             where o.status = 'OPEN' and $2::timestamptz is not null and (%s or %s)%s
             order by o.due_at, o.id limit %d""".formatted(SCOPE.formatted("o.target_org"),
            SCOPE.formatted("o.issued_by_org"), after, size + 1);
      }
    };
  }

  /** The states of the board's counts (BoardAggregates), each a list of clocks: a count and its list agree. */
  enum State { ON_TIME, WARNED, OVERDUE, PAUSED }

  /** A state's condition over d ($2 now), as BoardAggregates counts it. */
  private static String stateCondition(State state) {
    return switch (state) {
      case OVERDUE -> "d.status = 'RUNNING' and d.due_at <= $2";
      case WARNED -> "d.status = 'RUNNING' and d.due_at > $2 and (d.next_mark > 0 or d.next_fire_at <= $2)";
      case ON_TIME -> "d.status = 'RUNNING' and d.due_at > $2 and d.next_mark = 0"
          + " and (d.next_fire_at is null or d.next_fire_at > $2)";
      case PAUSED -> "d.status = 'PAUSED' and $2::timestamptz is not null";
    };
  }

  /**
   * The page SQL of the clocks of one board state (and stage): $1 org, $2 now, $3 the stage when {@code stage}, then
   * the cursor's parts: running clocks by (due time, ticket, clock key), paused ones (no due time while paused) by
   * (ticket, clock key). Public through {@link SlaBoard#clockListSql} for the plan test.
   */
  static String clockSql(State state, boolean stage, boolean afterKey, int size) {
    int n = stage ? 4 : 3;
    String where = CLOCK_ROWS.replace("d.status = 'RUNNING' and", stateCondition(state) + " and")
        + (stage ? " and d.stage = $3" : "");
    if (state == State.PAUSED) {
      String after = afterKey ? " and (d.ticket_id, d.clock_key) > ($" + n + "::bigint, $" + (n + 1) + "::text)" : "";
      return where + after + " order by d.ticket_id, d.clock_key limit " + (size + 1);
    }
    String after = afterKey ? " and (d.due_at, d.ticket_id, d.clock_key) > (" + MICROS.formatted("$" + n) + ", $"
        + (n + 1) + "::bigint, $" + (n + 2) + "::text)" : "";
    return where + after + " order by d.due_at, d.ticket_id, d.clock_key limit " + (size + 1);
  }

  /** How many clocks {@link #clockSql} lists, counted up to one past the bound (from sla_deadlines_board alone). */
  static String clockCountSql(State state, boolean stage) {
    return "select count(*) from (select 1 from sla_deadlines d where " + stateCondition(state) + " and "
        + SCOPE.formatted("d.owner_org") + (stage ? " and d.stage = $3" : "") + " limit "
        + (cn.hotline12349.core.ticket.TicketFilter.COUNT_BOUND + 1) + ") x";
  }

  /** {items, size, next?} and, on the first page, {count, countCapped}: the clocks of one state (and stage). */
  Future<JsonObject> clocks(String org, String stage, State state, Instant now, int size, String cursor) {
    List<Object> args = new ArrayList<>(List.of(org, SlaStore.odt(now)));
    if (stage != null) args.add(stage);
    KeysetCursor codec = clockCodec(state, stage);
    KeysetCursor.Key key = codec.decode(cursor);
    if (key != null) args.addAll(key.values());
    Future<Long> count = key != null ? Future.succeededFuture(null)
        : pool.preparedQuery(clockCountSql(state, stage != null)).execute(Tuple.from(args))
            .map(rows -> rows.iterator().next().getLong(0));
    Future<JsonObject> page = pool.preparedQuery(clockSql(state, stage != null, key != null, size))
        .execute(Tuple.from(args)).map(rows -> {
          JsonArray items = new JsonArray();
          String next = null;
          for (Row r : rows) {
            if (items.size() == size) {
              JsonObject last = items.getJsonObject(size - 1);
              next = state == State.PAUSED ? codec.encode(last.getLong("ticketId"), last.getString("clockKey"))
                  : codec.encode(micros(Instant.parse(last.getString("dueAt"))), last.getLong("ticketId"),
                      last.getString("clockKey"));
              break;
            }
            items.add(clockRow(r, now).put("state", state.name()));
          }
          JsonObject out = new JsonObject().put("items", items).put("size", size);
          if (next != null) out.put("next", next);
          return out;
        });
    return Future.all(count, page).map(v -> {
      JsonObject out = page.result();
      Long c = count.result();
      if (c != null) {
        boolean capped = c > cn.hotline12349.core.ticket.TicketFilter.COUNT_BOUND;
        out.put("count", capped ? cn.hotline12349.core.ticket.TicketFilter.COUNT_BOUND : c).put("countCapped", capped);
      }
      return out;
    });
  }

  /** A list's cursor: (due time, ticket, clock key) or, for orders, (due time, order id); tagged by the list. */
  private static KeysetCursor codec(Kind kind) {
    return kind == Kind.SUPERVISION ? KeysetCursor.of("board-" + kind.name(), Part.LONG, Part.LONG)
        : KeysetCursor.of("board-" + kind.name(), Part.LONG, Part.LONG, Part.TEXT);
  }

  /** A clock list's cursor, tagged by its state and stage (a cursor of another state or stage is refused). */
  private static KeysetCursor clockCodec(State state, String stage) {
    String tag = "clocks-" + state.name() + (stage == null ? "" : "-" + stage);
    return state == State.PAUSED ? KeysetCursor.of(tag, Part.LONG, Part.TEXT)
        : KeysetCursor.of(tag, Part.LONG, Part.LONG, Part.TEXT);
  }

  private static JsonObject orderRow(Row r, Instant now) {
    Instant due = r.getOffsetDateTime("due_at").toInstant();
    return new JsonObject().put("orderId", r.getLong("id")).put("ticketId", r.getLong("ticket_id"))
        .put("ref", r.getString("ref")).put("severity", r.getString("severity"))
        .put("status", r.getString("status")).put("issuedByOrg", r.getString("issued_by_org"))
        .put("targetOrg", r.getString("target_org")).put("issuedAt", time(r.getOffsetDateTime("issued_at")))
        .put("dueAt", due.toString()).put("overdue", !now.isBefore(due))
        .put("remainingSeconds", java.time.Duration.between(now, due).toSeconds());
  }

  private static JsonObject clockRow(Row r, Instant now) {
    if (r.getOffsetDateTime("due_at") == null) { // a paused clock: no due time until it runs again
      return new JsonObject().put("ticketId", r.getLong("ticket_id")).put("ref", r.getString("ref"))
          .put("severity", r.getString("severity")).put("status", r.getString("status"))
          .put("intakeOrg", r.getString("intake_org")).put("countyCode", r.getString("county_code"))
          .put("stage", r.getString("stage")).put("clockKey", r.getString("clock_key"))
          .put("ownerOrg", r.getString("owner_org"));
    }
    Instant due = r.getOffsetDateTime("due_at").toInstant();
    return new JsonObject().put("ticketId", r.getLong("ticket_id")).put("ref", r.getString("ref"))
        .put("severity", r.getString("severity")).put("status", r.getString("status"))
        .put("intakeOrg", r.getString("intake_org")).put("countyCode", r.getString("county_code"))
        .put("stage", r.getString("stage")).put("clockKey", r.getString("clock_key"))
        .put("ownerOrg", r.getString("owner_org")).put("dueAt", due.toString())
        .put("remainingSeconds", java.time.Duration.between(now, due).toSeconds());
  }

  private static long micros(Instant t) { return ChronoUnit.MICROS.between(Instant.EPOCH, t); }

  private static String time(OffsetDateTime t) { return t == null ? null : t.toInstant().toString(); }
}
