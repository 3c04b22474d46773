package cn.hotline12349.core.ticket;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketStatus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One row mapper per record of the ticket package, by column name: every query that returns a record selects the
 * columns its mapper names (the {@code *_COLUMNS} constants), so a record is mapped in one place only.
 */
final class TicketRows {
  /** {@link #ticket}'s columns over tickets {@code t} left-joined to users {@code u} (the claimer). */
  static final String TICKET_COLUMNS = """
      t.id, t.ref, t.status, t.version, t.intake_org, t.county_code, t.caller_number, t.caller_relation, t.category,
      t.subcategory, t.severity, t.suggested_category, t.suggested_severity, t.narrative, t.claimed_by,
      u.username as claimed_by_username, t.suspended_from, t.reply_attempts, t.first_contact_at, t.call_id,
      t.created_at, t.updated_at, t.closed_at""";
  static final String CHILD_COLUMNS = "name, age, gender, county_code, address, disability, no_guardian";
  static final String EVENT_COLUMNS =
      "seq, type, at, actor_username, actor_role, actor_org, from_status, to_status, reason, payload";
  /** {@link #callerEntry}'s columns over tickets {@code t}. */
  static final String ENTRY_COLUMNS = "t.id, t.ref, t.status, t.category, t.severity, t.intake_org, t.created_at, t.county_code";

  private TicketRows() { }

  /** A ticket without its children (they come from {@link #child}). */
  static TicketRecord ticket(Row r) {
    return new TicketRecord(r.getLong("id"), r.getString("ref"), TicketStatus.valueOf(r.getString("status")),
        r.getInteger("version"), r.getString("intake_org"), r.getString("county_code"), r.getString("caller_number"),
        r.getString("caller_relation"), Category.valueOf(r.getString("category")), r.getString("subcategory"),
        Severity.valueOf(r.getString("severity")), enumOrNull(Category.class, r.getString("suggested_category")),
        enumOrNull(Severity.class, r.getString("suggested_severity")), r.getString("narrative"),
        r.getLong("claimed_by"), r.getString("claimed_by_username"),
        enumOrNull(TicketStatus.class, r.getString("suspended_from")), r.getInteger("reply_attempts"),
        instant(r.getOffsetDateTime("first_contact_at")), r.getString("call_id"),
        instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("updated_at")),
        instant(r.getOffsetDateTime("closed_at")), List.of());
  }

  static ChildDraft child(Row r) {
    String gender = r.getString("gender");
    return new ChildDraft(r.getString("name"), r.getInteger("age"),
        gender == null ? null : ChildDraft.Gender.valueOf(gender), r.getString("county_code"), r.getString("address"),
        r.getBoolean("disability"), r.getBoolean("no_guardian"));
  }

  static TicketEventRecord event(Row r) {
    Object payload = r.getValue("payload");
    return new TicketEventRecord(r.getInteger("seq"), r.getString("type"), r.getOffsetDateTime("at").toInstant(),
        r.getString("actor_username"), r.getString("actor_role"), r.getString("actor_org"), r.getString("from_status"),
        r.getString("to_status"), r.getString("reason"), payload instanceof JsonObject j ? j : new JsonObject());
  }

  static CallerTickets.Entry callerEntry(Row r) {
    return new CallerTickets.Entry(r.getLong("id"), r.getString("ref"), r.getString("status"), r.getString("category"),
        r.getString("severity"), r.getString("intake_org"), r.getOffsetDateTime("created_at").toInstant(),
        r.getString("county_code"));
  }

  static Instant instant(OffsetDateTime t) { return t == null ? null : t.toInstant(); }

  private static <E extends Enum<E>> E enumOrNull(Class<E> type, String v) {
    return v == null ? null : Enum.valueOf(type, v);
  }
}
