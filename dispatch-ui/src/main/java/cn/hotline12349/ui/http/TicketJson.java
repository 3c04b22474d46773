package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.ChildDraft;
import cn.hotline12349.core.domain.PhoneNumber;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.ticket.TicketEventRecord;
import cn.hotline12349.core.ticket.TicketRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shape of tickets. The caller number is masked for every role, operators included: the full number is
 * given only by the audited reveal ({@code POST /api/tickets/{id}/caller-number}, {@link RevealRoutes}).
 */
final class TicketJson {
  private TicketJson() {}

  static JsonObject ticket(TicketRecord t, Role viewer) {
    JsonArray children = new JsonArray();
    for (ChildDraft c : t.children()) {
      children.add(new JsonObject().put("name", c.name()).put("age", c.age())
          .put("gender", c.gender() == null ? null : c.gender().name()).put("countyCode", c.countyCode())
          .put("address", c.address()).put("disability", c.disability()).put("noGuardian", c.noGuardian()));
    }
    return new JsonObject()
        .put("id", t.id()).put("ref", t.ref()).put("status", t.status().name()).put("version", t.version())
        .put("severity", t.severity().name()).put("category", t.category().name()).put("subcategory", t.subcategory())
        .put("suggestedCategory", name(t.suggestedCategory())).put("suggestedSeverity", name(t.suggestedSeverity()))
        .put("intakeOrg", t.intakeOrg()).put("countyCode", t.countyCode())
        .put("callerNumber", PhoneNumber.mask(t.callerNumber()))
        .put("callerRelation", t.callerRelation()).put("narrative", t.narrative()).put("children", children)
        .put("claimedBy", t.claimedByUsername()).put("suspendedFrom", name(t.suspendedFrom()))
        .put("replyAttempts", t.replyAttempts()).put("firstContactAt", time(t.firstContactAt()))
        .put("callId", t.callId()).put("createdAt", time(t.createdAt())).put("updatedAt", time(t.updatedAt()))
        .put("closedAt", time(t.closedAt()));
  }

  static JsonArray history(List<TicketEventRecord> events) {
    JsonArray out = new JsonArray();
    for (TicketEventRecord e : events) {
      out.add(new JsonObject().put("seq", e.seq()).put("type", e.type()).put("at", time(e.at()))
          .put("actor", e.actor()).put("actorRole", e.actorRole()).put("actorOrg", e.actorOrg())
          .put("fromStatus", e.fromStatus()).put("toStatus", e.toStatus()).put("reason", e.reason())
          .put("payload", e.payload()));
    }
    return out;
  }

  private static String time(Instant i) { return i == null ? null : i.toString(); }

  private static String name(Enum<?> e) { return e == null ? null : e.name(); }
}
