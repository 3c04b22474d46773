package cn.hotline12349.ui.http;

import cn.hotline12349.core.intake.Reason;
import cn.hotline12349.core.intake.Subcategory;
import cn.hotline12349.core.intake.Suggestion;
import cn.hotline12349.core.intake.Taxonomy;
import cn.hotline12349.core.intake.TaxonomyCategory;
import cn.hotline12349.core.ticket.CallerTickets;
import cn.hotline12349.core.ticket.DuplicateFinder;
import cn.hotline12349.core.ticket.TicketLinks;
import cn.hotline12349.core.ticket.TicketSuggestion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** JSON shapes of the intake routes. */
final class IntakeJson {
  private IntakeJson() {}

  static JsonObject suggestion(Suggestion s, Taxonomy tax, int priority) {
    JsonArray reasons = new JsonArray();
    for (Reason r : s.reasons()) {
      reasons.add(new JsonObject().put("phrase", r.phrase()).put("target", r.target()).put("why", r.why()));
    }
    Subcategory sub = tax.find(s.subcategory()).orElse(null);
    return new JsonObject().put("category", s.category().name()).put("subcategory", s.subcategory())
        .put("subcategoryZh", sub == null ? null : sub.nameZh()).put("subcategoryEn", sub == null ? null : sub.nameEn())
        .put("severity", s.severity().name()).put("confidence", Math.round(s.confidence() * 1000) / 1000.0)
        .put("countyCode", s.countyCode()).put("needsCountyChoice", s.needsCountyChoice())
        .put("candidateCounties", new JsonArray(s.candidateCounties())).put("childAge", s.childAge())
        .put("disability", s.disability()).put("noGuardian", s.noGuardian()).put("priority", priority)
        .put("reasons", reasons);
  }

  static JsonObject taxonomy(Taxonomy tax) {
    JsonArray cats = new JsonArray();
    for (TaxonomyCategory c : tax.categories()) {
      JsonArray subs = new JsonArray();
      for (Subcategory s : c.subcategories()) {
        subs.add(new JsonObject().put("code", s.code()).put("nameZh", s.nameZh()).put("nameEn", s.nameEn())
            .put("defaultSeverity", s.defaultSeverity().name()).put("resolvableAtIntake", s.resolvableAtIntake()));
      }
      cats.add(new JsonObject().put("code", c.code().name()).put("nameZh", c.nameZh()).put("nameEn", c.nameEn())
          .put("subcategories", subs));
    }
    return new JsonObject().put("categories", cats);
  }

  static JsonArray callerTickets(List<CallerTickets.Entry> list) {
    JsonArray out = new JsonArray();
    for (CallerTickets.Entry e : list) {
      out.add(new JsonObject().put("id", e.id()).put("ref", e.ref()).put("status", e.status())
          .put("category", e.category()).put("severity", e.severity()).put("intakeOrg", e.intakeOrg())
          .put("createdAt", e.createdAt().toString()));
    }
    return out;
  }

  static JsonArray duplicates(List<DuplicateFinder.Candidate> list) {
    JsonArray out = new JsonArray();
    for (DuplicateFinder.Candidate c : list) {
      out.add(new JsonObject().put("id", c.ticketId()).put("ref", c.ref()).put("status", c.status())
          .put("severity", c.severity()).put("category", c.category()).put("countyCode", c.countyCode())
          .put("createdAt", c.createdAt().toString()).put("childName", c.childName()).put("childAge", c.childAge())
          .put("matchedName", c.matchedName()).put("nameScore", Math.round(c.nameScore() * 100) / 100.0));
    }
    return out;
  }

  static JsonArray links(List<TicketLinks.Link> list) {
    JsonArray out = new JsonArray();
    for (TicketLinks.Link l : list) {
      out.add(new JsonObject().put("otherId", l.otherId()).put("otherRef", l.otherRef())
          .put("otherStatus", l.otherStatus()).put("mode", l.mode().name()).put("direction", l.direction())
          .put("reason", l.reason()).put("by", l.by()).put("at", l.at().toString()));
    }
    return out;
  }

  static JsonObject shown(TicketSuggestion.Shown s, JsonObject ticket) {
    if (s == null) return null;
    return new JsonObject().put("category", s.category()).put("subcategory", s.subcategory())
        .put("severity", s.severity()).put("confidence", s.confidence())
        .put("overrodeCategory", s.category() != null && !s.category().equals(ticket.getString("category")))
        .put("overrodeSeverity", s.severity() != null && !s.severity().equals(ticket.getString("severity")));
  }
}
