package cn.hotline12349.core.referral;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.partner.Partner;
import cn.hotline12349.core.partner.PartnerKind;
import cn.hotline12349.core.partner.PartnerService;
import cn.hotline12349.core.referral.domain.MandatoryRule;
import cn.hotline12349.core.referral.domain.ReferralStatus;
import cn.hotline12349.core.sla.ExternalClocks;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.core.ticket.AccessScope;
import cn.hotline12349.core.ticket.TicketEvents;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.core.ticket.TicketTransition;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Referrals of tickets to partner agencies (资源链接) and their receipts. Each change writes the referral row, its
 * clock rows and a ticket event (through {@link TicketService#annotateIn}) in one transaction, published after commit.
 * A referral's acceptance clock and a mandatory report's feedback clock are SLA clocks ({@link ExternalClocks}).
 */
public final class ReferralService {
  public static final int MAX_TEXT = 2000;
  private final Pool pool;
  private final EventBus bus;
  private final OrgTree orgs;
  private final TicketService tickets;
  private final PartnerService partners;
  private final ExternalClocks clocks;
  private final LoopConfig config;
  private final Clock clock;
  private final ReferralStore store = new ReferralStore();

  public ReferralService(Pool pool, EventBus bus, OrgTree orgs, TicketService tickets, PartnerService partners,
                         ExternalClocks clocks, LoopConfig config, Clock clock) {
    this.pool = pool;
    this.bus = bus;
    this.orgs = orgs;
    this.tickets = tickets;
    this.partners = partners;
    this.clocks = clocks;
    this.config = config;
    this.clock = clock;
  }

  /** What a handler writes down when the agency answers. {@code status} null means ACCEPTED. */
  public record Receipt(ReferralStatus status, String receivedBy, Instant at, String reference, String feedback,
                        String note) { }

  public Future<Referral> refer(Actor actor, long ticketId, long partnerId, String note) {
    if (actor.role() == Role.ADMIN) return failed(RuleViolation.forbidden("case-workers-only", "admins do not refer cases"));
    if (note != null && note.length() > MAX_TEXT) return failed(RuleViolation.invalid("note", "note is longer than " + MAX_TEXT));
    Instant at = clock.instant();
    Done done = new Done();
    return pool.withTransaction(tx -> lockInScope(tx, actor, ticketId, true).compose(t -> partners.find(tx, partnerId)
        .compose(p -> {
          if (p == null) return failed(RuleViolation.invalid("partnerId", "no partner " + partnerId));
          if (!p.active()) return failed(RuleViolation.invalid("partnerId", "partner " + p.code() + " is disabled"));
          if (!serves(p, t)) {
            return failed(RuleViolation.invalid("partnerId", "partner " + p.code() + " does not serve this ticket's area"));
          }
          Optional<MandatoryRule> rule = p.kind() == PartnerKind.POLICE ? mandatoryRule(t) : Optional.empty();
          String code = rule.map(MandatoryRule::code).orElse(null);
          Severity sev = Severity.valueOf(t.severity());
          return store.insert(tx, ticketId, partnerId, p.kind(), code, actor.orgCode(), actor.userId(), note, at)
              .compose(rid -> {
                done.id = rid;
                Map<String, Object> payload = codes(rid, p, "SENT", code);
                return tickets.annotateIn(tx, actor, ticketId, "REFERRAL_SENT", note, payload)
                    .compose(news -> {
                      done.news = news;
                      return clocks.start(tx, ticketId, SlaStage.REFERRAL, rid, sev, actor.orgCode(),
                          config.acceptance(sev), at);
                    })
                    .compose(v -> code == null ? Future.succeededFuture() : store.markMandatory(tx, ticketId, code, at));
              });
        })))
        .compose(v -> published(done, ticketId));
  }

  public Future<Referral> receipt(Actor actor, long ticketId, long referralId, Receipt in) {
    if (actor.role() == Role.ADMIN) return failed(RuleViolation.forbidden("case-workers-only", "admins do not record receipts"));
    if (in.receivedBy() == null || in.receivedBy().isBlank() || in.receivedBy().length() > 200) {
      return failed(RuleViolation.invalid("receivedBy", "who at the agency gave the receipt is required (at most 200 characters)"));
    }
    for (var f : Map.of("reference", in.reference() == null ? "" : in.reference(), "feedback",
        in.feedback() == null ? "" : in.feedback(), "note", in.note() == null ? "" : in.note()).entrySet()) {
      if (f.getValue().length() > MAX_TEXT) return failed(RuleViolation.invalid(f.getKey(), f.getKey() + " is too long"));
    }
    Instant now = clock.instant();
    Instant at = in.at() == null ? now : in.at();
    if (at.isAfter(now)) return failed(RuleViolation.invalid("at", "the receipt time cannot be in the future"));
    ReferralStatus to = in.status() == null ? ReferralStatus.ACCEPTED : in.status();
    String feedback = in.feedback() == null || in.feedback().isBlank() ? null : in.feedback().strip();
    Done done = new Done();
    done.id = referralId;
    return pool.withTransaction(tx -> lockInScope(tx, actor, ticketId, false).compose(t -> store.find(tx, ticketId, referralId, true)
        .compose(r -> {
          if (r == null) return failed(RuleViolation.notFound("no referral " + referralId + " on ticket " + ticketId));
          boolean feedbackOnly = to == r.status() && feedback != null && !r.status().ended();
          if (!feedbackOnly && !r.status().canBecome(to)) {
            return failed(RuleViolation.conflict("referral-transition",
                "a " + r.status() + " referral cannot become " + to + " (allowed: " + r.status().next() + ")"));
          }
          if (at.isBefore(r.sentAt())) return failed(RuleViolation.invalid("at", "the receipt cannot precede the referral"));
          if (feedback != null && r.mandatoryRule() == null) {
            return failed(RuleViolation.invalid("feedback", "feedback is recorded on mandatory-report police referrals"));
          }
          Severity sev = Severity.valueOf(t.severity());
          Future<?> chain = store.update(tx, referralId, to, in.receivedBy().strip(), blank(in.reference()), at,
              feedback, to.ended(), now);
          if (to.answersAcceptance()) {
            chain = chain.compose(v -> clocks.stop(tx, ticketId, SlaStage.REFERRAL, referralId, false, at));
          }
          if (r.mandatoryRule() != null && to == ReferralStatus.ACCEPTED && r.acceptedAt() == null) {
            chain = chain.compose(v -> clocks.start(tx, ticketId, SlaStage.REFERRAL_FEEDBACK, referralId, sev,
                r.referredByOrg(), config.mandatoryFeedback(), at));
          }
          if (r.mandatoryRule() != null && (feedback != null || to == ReferralStatus.COMPLETED)) {
            chain = chain.compose(v -> clocks.stop(tx, ticketId, SlaStage.REFERRAL_FEEDBACK, referralId, false, at));
          } else if (r.mandatoryRule() != null && (to == ReferralStatus.RETURNED || to == ReferralStatus.FAILED)) {
            chain = chain.compose(v -> clocks.stop(tx, ticketId, SlaStage.REFERRAL_FEEDBACK, referralId, true, at));
          }
          Map<String, Object> payload = new HashMap<>();
          payload.put("referralId", referralId);
          payload.put("status", to.name());
          payload.put("fromStatus", r.status().name());
          payload.put("partnerKind", r.partnerKind().name());
          payload.put("receiptAt", at.toString());
          payload.put("feedback", feedback != null);
          if (blank(in.reference()) != null) payload.put("reference", in.reference().strip());
          if (r.mandatoryRule() != null) payload.put("mandatoryRule", r.mandatoryRule());
          String type = feedbackOnly ? "REFERRAL_FEEDBACK" : "REFERRAL_" + to.name();
          String reason = feedback != null ? feedback : blank(in.note());
          return chain.compose(v -> tickets.annotateIn(tx, actor, ticketId, type, reason, payload))
              .map(news -> { done.news = news; return null; });
        })))
        .compose(v -> published(done, ticketId));
  }

  public Future<List<Referral>> forTicket(long ticketId) { return store.forTicket(pool, ticketId); }

  /** Inside the dispatch transaction: the rule a ticket falls under and whether a police referral stands. */
  Future<Optional<MandatoryRule>> unmetMandatoryRule(SqlConnection tx, long ticketId) {
    return lockTicket(tx, ticketId).compose(t -> {
      Optional<MandatoryRule> rule = t == null ? Optional.empty() : mandatoryRule(t);
      if (rule.isEmpty()) return Future.succeededFuture(Optional.empty());
      return store.standingPoliceReferrals(tx, ticketId).map(n -> n > 0 ? Optional.<MandatoryRule>empty() : rule);
    });
  }

  /** The ticket's row locked like any ticket change, by its owner (TicketService), as the facts the rules need. */
  private Future<ReferralStore.TicketFacts> lockTicket(SqlConnection tx, long ticketId) {
    return tickets.lockIn(tx, ticketId).map(t -> t == null ? null : new ReferralStore.TicketFacts(t.id(), t.ref(),
        t.status().name(), t.severity() == null ? null : t.severity().name(), t.intakeOrg(), t.countyCode(),
        t.category() == null ? null : t.category().name(), t.subcategory(), t.narrative()));
  }

  Optional<MandatoryRule> mandatoryRule(ReferralStore.TicketFacts t) {
    return MandatoryRule.firstMatch(config.mandatoryRules(), Category.valueOf(t.category()), t.subcategory(), t.narrative());
  }

  /**
   * The ticket, locked, if the actor may act on it. New referrals need an open ticket; an agency's answer (and the
   * police's feedback) is still recorded after the case closed, so its clock ends.
   */
  private Future<ReferralStore.TicketFacts> lockInScope(SqlConnection tx, Actor actor, long ticketId, boolean mustBeOpen) {
    return lockTicket(tx, ticketId).compose(t -> {
      if (t == null) return failed(RuleViolation.notFound("no ticket " + ticketId));
      if (!AccessScope.of(actor, orgs).allows(t.intakeOrg(), t.countyCode(), orgs)) {
        return failed(RuleViolation.forbidden("org-scope", "ticket " + ticketId + " is outside your org unit"));
      }
      if (mustBeOpen && List.of("CLOSED", "RESOLVED_AT_INTAKE").contains(t.status())) {
        return failed(RuleViolation.conflict("ticket-closed", "ticket " + ticketId + " is " + t.status()));
      }
      return Future.succeededFuture(t);
    });
  }

  /** A partner serves a ticket when it sits above or below the ticket's county or intake prefecture. */
  private boolean serves(Partner p, ReferralStore.TicketFacts t) {
    for (String unit : new String[] {t.countyCode(), t.intakeOrg()}) {
      if (unit != null && (orgs.within(unit, p.orgCode()) || orgs.within(p.orgCode(), unit))) return true;
    }
    return false;
  }

  private static Map<String, Object> codes(long rid, Partner p, String status, String rule) {
    Map<String, Object> m = new HashMap<>();
    m.put("referralId", rid);
    m.put("partnerId", p.id());
    m.put("partnerCode", p.code());
    m.put("partnerKind", p.kind().name());
    m.put("partnerOrg", p.orgCode());
    m.put("status", status);
    if (rule != null) m.put("mandatoryRule", rule);
    return m;
  }

  private static final class Done {
    long id;
    TicketTransition news;
  }

  private Future<Referral> published(Done done, long ticketId) {
    TicketEvents.publish(bus, done.news, new JsonObject().put("referralId", done.id)
        .put("referralStatus", String.valueOf(done.news.payload().get("status"))));
    return store.find(pool, ticketId, done.id, false);
  }

  private static String blank(String s) { return s == null || s.isBlank() ? null : s.strip(); }

  private static <T> Future<T> failed(RuleViolation v) { return Future.failedFuture(new RuleViolationException(v)); }
}
