package cn.hotline12349.ui.push;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.PhoneNumber;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.ticket.AccessScope;
import cn.hotline12349.core.sla.SlaAddresses;
import cn.hotline12349.core.ticket.TicketEvents;
import cn.hotline12349.telephony.CallEvents;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * Decides which event-bus messages one user's browser may receive, and strips what that user's role must not see.
 * The same org scope as the REST API (AccessScope); unknown address families are never forwarded.
 */
public final class PushFilter {
  private static final String SLA_PREFIX = SlaAddresses.PREFIX;
  private static final String CALL_PREFIX = CallEvents.PREFIX;
  private static final String OPERATOR_PREFIX = CallEvents.OPERATOR_UI_PREFIX;

  /** Fields of sla/call messages that name an org unit the message concerns. */
  private static final List<String> ORG_FIELDS = List.of("orgCode", "prefectureCode", "queueOrg", "tierOrg");
  /**
   * Call news carries caller numbers masked for every role (the full number is an audited reveal, docs/security.md);
   * the normalised copy is dropped. The screen-pop on the answering operator's own channel keeps the full number: that
   * operator is on the call (the phone shows it too) and the ticket form records it.
   */
  private static final List<String> NUMBER_FIELDS = List.of("callerNumber", "number", "callerIdNum", "caller");

  /** The list row EventStream adds to ticket news ({@code TicketSummaries.summary}). */
  static final String TICKET_ROW = "ticket";

  private final OrgTree orgs;

  public PushFilter(OrgTree orgs) { this.orgs = orgs; }

  /** True for the addresses this channel carries at all. */
  public static boolean carried(String address) {
    return address.equals(TicketEvents.CHANGED) || (address.startsWith(SLA_PREFIX) && !address.equals(SlaAddresses.WAKE))
        || address.startsWith(CALL_PREFIX) || address.startsWith(OPERATOR_PREFIX);
  }

  public Optional<JsonObject> view(Actor user, String address, JsonObject body) {
    if (address.startsWith(OPERATOR_PREFIX)) {
      return address.equals(OPERATOR_PREFIX + user.username())
          ? Optional.of(CallerHistoryScope.pop(body, user, orgs)) : Optional.empty();
    }
    if (!carried(address)) return Optional.empty();
    if (user.role() == Role.ADMIN) return adminView(address, body);
    if (!maySee(user, body)) return Optional.empty();
    if (address.startsWith(CALL_PREFIX)) return Optional.of(masked(body));
    return Optional.of(body);
  }

  /**
   * An administrator reads no case data (the REST API's CaseDataFence): the board's SLA news and a ticket's codes, but
   * not the list row pushed with ticket news (a child's name, the narrative's first line) nor call news.
   */
  private static Optional<JsonObject> adminView(String address, JsonObject body) {
    if (address.startsWith(SLA_PREFIX)) return Optional.of(body);
    if (!address.equals(TicketEvents.CHANGED)) return Optional.empty();
    JsonObject codes = body.copy();
    codes.remove(TICKET_ROW);
    return Optional.of(codes);
  }

  private static JsonObject masked(JsonObject body) {
    JsonObject copy = body.copy();
    copy.remove("callerNumberNorm");
    for (String field : NUMBER_FIELDS) {
      if (copy.getValue(field) instanceof String n) copy.put(field, PhoneNumber.mask(n));
      else if (copy.getValue(field) != null) copy.remove(field); // a nested form would slip past the mask
    }
    return copy;
  }

  private boolean maySee(Actor user, JsonObject body) {
    AccessScope scope = AccessScope.of(user, orgs);
    if (scope.tier() == Tier.PROVINCE) return true;
    if (user.role() == Role.OPERATOR && user.username().equals(str(body, "operator"))) return true;
    String intakeOrg = str(body, "intakeOrg");
    String county = str(body, "countyCode");
    String leftCounty = str(body, "fromCountyCode");
    if (leftCounty != null && scope.allows(intakeOrg, leftCounty, orgs)) return true;
    if (intakeOrg != null || county != null) return scope.allows(intakeOrg, county, orgs);
    for (String field : ORG_FIELDS) {
      String code = str(body, field);
      if (code != null && orgs.find(code).isPresent()) return scope.covers(code, orgs);
    }
    return false;
  }

  private static String str(JsonObject body, String field) {
    return body.getValue(field) instanceof String s ? s : null;
  }
}
