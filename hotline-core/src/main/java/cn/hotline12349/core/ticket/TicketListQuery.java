package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a ticket list, built once per request: keyset pages over the V71 indexes, one ordered index scan per
 * scope branch (a prefecture's scope is two: tickets it took in, and tickets at its counties taken in elsewhere),
 * merged and cut to the page. No OFFSET, no per-row computation, no count on later pages.
 */
final class TicketListQuery {
  static final String COLUMNS = """
      t.id, t.ref, t.status, t.version, t.intake_org, t.county_code, t.caller_number, t.caller_relation, t.category,
      t.subcategory, t.severity, t.suggested_category, t.suggested_severity, t.narrative, t.claimed_by,
      t.suspended_from, t.reply_attempts, t.first_contact_at, t.call_id, t.created_at, t.updated_at, t.closed_at,
      t.queue_rank, t.queue_due, """ + SqlArgs.MICROS_OF_DUE + " as due_us";

  private final TicketFilter f;
  private final Tier scopeTier;
  private final String scopeOrg;
  private final Actor actor;
  private final Instant now;

  /** {@code scopeTier}/{@code scopeOrg}: the org unit whose subtree is listed (already checked against the actor). */
  TicketListQuery(TicketFilter f, Tier scopeTier, String scopeOrg, Actor actor, Instant now) {
    this.f = f;
    this.scopeTier = scopeTier;
    this.scopeOrg = scopeOrg;
    this.actor = actor;
    this.now = now;
  }

  record Built(String sql, SqlArgs args) {}

  /** The page: {@code size + 1} rows, the extra one only telling that there is a next page. */
  Built page() {
    SqlArgs a = new SqlArgs();
    String s = a.add(scopeOrg);
    String where = filters(a);
    String key = keyCondition(a);
    List<String> parts = new ArrayList<>();
    for (String branch : branches(s)) {
      parts.add("select " + COLUMNS + " from tickets t where " + branch + where + key + order("t") + " limit "
          + (f.size() + 1));
    }
    if (parts.size() == 1) return new Built(parts.get(0), a);
    return new Built("select * from ((" + String.join(") union all (", parts) + ")) t" + order("t") + " limit "
        + (f.size() + 1), a);
  }

  /** How many rows match, counted up to one past the bound (in the page's index order: stops early, never a full scan). */
  Built count() {
    SqlArgs a = new SqlArgs();
    String s = a.add(scopeOrg);
    String where = filters(a);
    // Open tickets (the work queues) are counted in any order: the small partial indexes of open tickets
    // (tickets_open_counts, V72) answer from the index alone, where the queue order read 10,001 heap rows (issue 12).
    String ord = Boolean.TRUE.equals(f.open()) ? "" : order("t");
    List<String> parts = new ArrayList<>();
    for (String branch : branches(s)) {
      parts.add("select 1 from tickets t where " + branch + where + ord + " limit " + (TicketFilter.COUNT_BOUND + 1));
    }
    return new Built("select count(*) from ((" + String.join(") union all (", parts) + ")) x", a);
  }

  /** The scope as conditions, one per ordered index branch. */
  List<String> branches(String s) {
    return switch (scopeTier) {
      case PROVINCE -> List.of(s + "::text is not null");
      case PREFECTURE -> List.of("t.intake_org = " + s, "t.county_pref = " + s + " and t.intake_org <> " + s);
      case COUNTY -> List.of("t.county_code = " + s);
    };
  }

  private String order(String alias) {
    return f.order() == TicketFilter.Order.QUEUE
        ? " order by -" + alias + ".queue_rank, " + alias + ".queue_due, " + alias + ".id"
        : " order by " + alias + ".created_at desc, " + alias + ".id desc";
  }

  private String keyCondition(SqlArgs a) {
    if (f.order() == TicketFilter.Order.QUEUE) {
      ListCursor c = ListCursor.decode(f.cursor(), "Q");
      if (c == null) return "";
      return " and (-t.queue_rank, t.queue_due, t.id) > (" + a.add((int) c.a()) + "::int, " + a.micros(c.b()) + ", "
          + a.add(c.id()) + "::bigint)";
    }
    ListCursor c = ListCursor.decode(f.cursor(), "R");
    if (c == null) return "";
    return " and (t.created_at, t.id) < (" + a.micros(c.a()) + ", " + a.add(c.id()) + "::bigint)";
  }

  /** The filters as " and …" conditions over alias t. */
  String filters(SqlArgs a) {
    StringBuilder w = new StringBuilder();
    if (!f.statuses().isEmpty()) {
      w.append(" and t.status = any(").append(a.add(f.statuses().stream().map(Enum::name).toArray(String[]::new))).append(")");
    }
    if (!f.severities().isEmpty()) {
      w.append(" and t.severity = any(").append(a.add(f.severities().stream().map(Enum::name).toArray(String[]::new))).append(")");
    }
    if (!f.categories().isEmpty()) {
      w.append(" and t.category = any(").append(a.add(f.categories().stream().map(Enum::name).toArray(String[]::new))).append(")");
    }
    if (f.open() != null) w.append(f.open() ? " and t.queue_rank >= 0" : " and t.queue_rank < 0");
    if (f.overdue() != null) {
      w.append(f.overdue() ? " and t.queue_due <= " : " and t.queue_due > ").append(a.add(now));
    }
    if (Boolean.TRUE.equals(f.warned())) {
      String n = a.add(now);
      w.append(" and t.queue_due > ").append(n).append(" and exists (select 1 from sla_deadlines d where d.ticket_id = t.id")
          .append(" and d.status = 'RUNNING' and (d.next_mark > 0 or d.next_fire_at <= ").append(n).append("))");
    }
    if (f.stage() != null) {
      w.append(" and exists (select 1 from sla_deadlines d where d.ticket_id = t.id and d.stage = ")
          .append(a.add(f.stage())).append(" and d.status <> 'STOPPED')");
    }
    if (f.claimedBy() != null) {
      switch (f.claimedBy()) {
        case "me" -> w.append(" and t.claimed_by = ").append(a.add(actor.userId()));
        case "none" -> w.append(" and t.claimed_by is null");
        default -> w.append(" and t.claimed_by = (select id from users where username = ").append(a.add(f.claimedBy()))
            .append(")");
      }
    }
    if (f.createdFrom() != null) w.append(" and t.created_at >= ").append(a.add(f.createdFrom()));
    if (f.createdTo() != null) w.append(" and t.created_at < ").append(a.add(f.createdTo()));
    if (f.dueFrom() != null) w.append(" and t.queue_due >= ").append(a.add(f.dueFrom()));
    if (f.dueTo() != null) w.append(" and t.queue_due < ").append(a.add(f.dueTo()));
    return w.toString();
  }
}
