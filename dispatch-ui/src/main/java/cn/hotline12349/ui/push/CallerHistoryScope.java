package cn.hotline12349.ui.push;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.ticket.AccessScope;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A caller's earlier calls and tickets as one reader may see them: the screen-pop and the intake form's caller history
 * are looked up by number across the province (the pop is built before anyone asks), so each is cut to the reader's
 * scope when it is answered. Tickets by {@link AccessScope} (as every ticket list); calls as the call list (the
 * province all, a prefecture the calls routed to it, a county none).
 */
public final class CallerHistoryScope {
  private CallerHistoryScope() {}

  /** A copy of the screen-pop (or any body with {@code earlierTickets} / {@code earlierCalls}) for {@code user}. */
  public static JsonObject pop(JsonObject pop, Actor user, OrgTree orgs) {
    JsonObject copy = pop.copy();
    if (copy.getValue("earlierTickets") instanceof JsonArray t) copy.put("earlierTickets", tickets(t, user, orgs));
    if (copy.getValue("earlierCalls") instanceof JsonArray c) copy.put("earlierCalls", calls(c, user, orgs));
    return copy;
  }

  /** Entries {@code {intakeOrg, countyCode, …}} the user's scope allows. */
  public static JsonArray tickets(JsonArray tickets, Actor user, OrgTree orgs) {
    AccessScope scope = AccessScope.of(user, orgs);
    JsonArray out = new JsonArray();
    for (Object o : tickets) {
      if (o instanceof JsonObject t && scope.allows(t.getString("intakeOrg"), t.getString("countyCode"), orgs)) out.add(t);
    }
    return out;
  }

  /** Entries {@code {prefectureCode, …}} routed to the user's prefecture (all for the province, none for a county). */
  public static JsonArray calls(JsonArray calls, Actor user, OrgTree orgs) {
    Tier tier = orgs.get(user.orgCode()).tier();
    JsonArray out = new JsonArray();
    for (Object o : calls) {
      if (o instanceof JsonObject c
          && (tier == Tier.PROVINCE || tier == Tier.PREFECTURE && user.orgCode().equals(c.getString("prefectureCode")))) {
        out.add(c);
      }
    }
    return out;
  }
}
