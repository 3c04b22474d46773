package cn.hotline12349.core.domain;

import static cn.hotline12349.core.domain.TicketStatus.*;

import cn.hotline12349.core.domain.TicketCommand.*;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The closed-loop rules of docs/domain.md §6: which role may issue which command in which state, and the state that
 * follows. Org-unit visibility is checked before this, by the access scope; here a county handler must still be the
 * ticket's own county.
 */
public final class TicketLifecycle {
  public static final int MAX_TEXT = 4000;

  private final OrgTree orgs;
  private final ReplyPolicy replyPolicy;

  public TicketLifecycle(OrgTree orgs) { this(orgs, ReplyPolicy.DEFAULT); }

  /** {@code replyPolicy} decides when unanswered reply calls make the caller unreachable. */
  public TicketLifecycle(OrgTree orgs, ReplyPolicy replyPolicy) {
    this.orgs = orgs;
    this.replyPolicy = replyPolicy;
  }

  public Decision decide(TicketState s, TicketCommand command, Actor actor) {
    // Java 17 has no pattern switch; the sealed interface still makes this list complete by review and test.
    if (command instanceof Dispatch c) return dispatch(s, c, actor);
    if (command instanceof Claim) return claim(s, actor);
    if (command instanceof AddNote c) return note(s, c, actor);
    if (command instanceof SubmitResult c) return result(s, c, actor);
    if (command instanceof Review c) return review(s, c, actor);
    if (command instanceof Reply c) return reply(s, c, actor);
    if (command instanceof Close) return close(s, actor);
    if (command instanceof ResolveAtIntake c) return resolveAtIntake(s, c, actor);
    if (command instanceof Transfer c) return transfer(s, c, actor);
    if (command instanceof Suspend c) return suspend(s, c, actor);
    if (command instanceof Resume) return resume(s, actor);
    if (command instanceof Reopen c) return reopen(s, c, actor);
    if (command instanceof MergeInto c) return mergeInto(s, c, actor);
    if (command instanceof Assign c) return assign(s, c, actor);
    throw new IllegalArgumentException("unknown command " + command);
  }

  private Decision dispatch(TicketState s, Dispatch c, Actor a) {
    Decision refused = firstOf(intakeOrProvince(a), county(c.countyCode(), "countyCode"), in(s, "dispatch", NEW));
    if (refused != null) return refused;
    return accept(TicketEventType.DISPATCHED, s, DISPATCHED, null, Map.of("countyCode", c.countyCode()),
        new TicketState(DISPATCHED, s.intakeOrg(), c.countyCode(), null, null, s.replyAttempts()));
  }

  private Decision claim(TicketState s, Actor a) {
    Decision refused = firstOf(ownCountyHandler(s, a), in(s, "claim", DISPATCHED));
    if (refused != null) return refused;
    return accept(TicketEventType.CLAIMED, s, CLAIMED, null, Map.of(),
        new TicketState(CLAIMED, s.intakeOrg(), s.countyCode(), a.userId(), null, s.replyAttempts()));
  }

  private Decision note(TicketState s, AddNote c, Actor a) {
    Decision refused = text(c.text(), "text");
    if (refused != null) return refused;
    boolean countyHandler = a.role() == Role.COUNTY_HANDLER;
    refused = countyHandler
        ? firstOf(ownCountyHandler(s, a), claimer(s, a), in(s, "notes", CLAIMED, IN_PROGRESS, SUSPENDED))
        : firstOf(intakeOrProvince(a), openState(s, "notes"));
    if (refused != null) return refused;
    TicketStatus to = countyHandler && s.status() == CLAIMED ? IN_PROGRESS : s.status();
    Map<String, Object> payload = Map.of("childContacted", c.childContacted());
    return accept(TicketEventType.NOTE_ADDED, s, to, c.text(), payload, with(s, to));
  }

  private Decision result(TicketState s, SubmitResult c, Actor a) {
    Decision refused = firstOf(text(c.summary(), "summary"), ownCountyHandler(s, a), claimer(s, a),
        in(s, "result", CLAIMED, IN_PROGRESS));
    if (refused != null) return refused;
    return accept(TicketEventType.RESULT_SUBMITTED, s, RESULT_SUBMITTED, c.summary(), Map.of(),
        with(s, RESULT_SUBMITTED));
  }

  private Decision review(TicketState s, Review c, Actor a) {
    if (c.decision() == null) return rejected(RuleViolation.invalid("decision", "decision must be ACCEPT or RETURN"));
    Decision refused = firstOf(
        c.decision() == ReviewDecision.RETURN ? text(c.comment(), "comment") : optionalText(c.comment(), "comment"),
        intake(a), in(s, "review", RESULT_SUBMITTED));
    if (refused != null) return refused;
    return c.decision() == ReviewDecision.ACCEPT
        ? accept(TicketEventType.RESULT_ACCEPTED, s, REVIEWED, c.comment(), Map.of(), with(s, REVIEWED))
        : accept(TicketEventType.RESULT_RETURNED, s, IN_PROGRESS, c.comment(), Map.of(), with(s, IN_PROGRESS));
  }

  private Decision reply(TicketState s, Reply c, Actor a) {
    if (c.satisfaction() != null && (c.satisfaction() < 1 || c.satisfaction() > 5)) {
      return rejected(RuleViolation.invalid("satisfaction", "satisfaction is a score from 1 to 5"));
    }
    if (c.effectiveOutcome() != CallbackOutcome.REACHED && c.satisfaction() != null) {
      return rejected(RuleViolation.invalid("satisfaction", "satisfaction can only be recorded when the caller was reached"));
    }
    Decision refused = firstOf(optionalText(c.comment(), "comment"), intake(a), in(s, "reply", REVIEWED));
    if (refused != null) return refused;
    int attempts = s.replyAttempts() + 1;
    Map<String, Object> payload = new HashMap<>();
    payload.put("reached", c.reached());
    payload.put("attempt", attempts);
    payload.put("outcome", c.effectiveOutcome().name());
    if (c.satisfaction() != null) payload.put("satisfaction", c.satisfaction());
    TicketState next = new TicketState(REVIEWED, s.intakeOrg(), s.countyCode(), s.claimedBy(), null, attempts);
    if (!c.reached() && !replyPolicy.unreachable(c.effectiveOutcome(), attempts)) {
      return accept(TicketEventType.REPLY_ATTEMPTED, s, REVIEWED, c.comment(), payload, next);
    }
    if (!c.reached()) payload.put("unreachable", true);
    return accept(TicketEventType.REPLIED, s, REPLIED, c.comment(), payload, with(next, REPLIED));
  }

  private Decision close(TicketState s, Actor a) {
    Decision refused = firstOf(intake(a), in(s, "close", REPLIED));
    if (refused != null) return refused;
    return accept(TicketEventType.CLOSED, s, CLOSED, null, Map.of(), with(s, CLOSED));
  }

  private Decision resolveAtIntake(TicketState s, ResolveAtIntake c, Actor a) {
    Decision refused = firstOf(text(c.answer(), "answer"), intake(a), in(s, "resolve-at-intake", NEW));
    if (refused != null) return refused;
    return accept(TicketEventType.RESOLVED_AT_INTAKE, s, RESOLVED_AT_INTAKE, c.answer(), Map.of(),
        with(s, RESOLVED_AT_INTAKE));
  }

  private Decision transfer(TicketState s, Transfer c, Actor a) {
    Decision refused = firstOf(text(c.reason(), "reason"), county(c.countyCode(), "countyCode"),
        a.role() == Role.COUNTY_HANDLER ? firstOf(ownCountyHandler(s, a), claimer(s, a)) : intakeOrProvince(a),
        in(s, "transfer", DISPATCHED, CLAIMED, IN_PROGRESS));
    if (refused != null) return refused;
    if (c.countyCode().equals(s.countyCode())) {
      return rejected(RuleViolation.invalid("countyCode", "the ticket is already at county " + c.countyCode()));
    }
    Map<String, Object> payload = Map.of("fromCounty", s.countyCode(), "toCounty", c.countyCode());
    return accept(TicketEventType.TRANSFERRED, s, DISPATCHED, c.reason(), payload,
        new TicketState(DISPATCHED, s.intakeOrg(), c.countyCode(), null, null, s.replyAttempts()));
  }

  private Decision suspend(TicketState s, Suspend c, Actor a) {
    Decision refused = firstOf(text(c.reason(), "reason"),
        a.role() == Role.COUNTY_HANDLER ? firstOf(ownCountyHandler(s, a), claimer(s, a)) : intakeOrProvince(a),
        in(s, "suspend", DISPATCHED, CLAIMED, IN_PROGRESS));
    if (refused != null) return refused;
    return accept(TicketEventType.SUSPENDED, s, SUSPENDED, c.reason(), Map.of(),
        new TicketState(SUSPENDED, s.intakeOrg(), s.countyCode(), s.claimedBy(), s.status(), s.replyAttempts()));
  }

  private Decision resume(TicketState s, Actor a) {
    Decision refused = firstOf(
        a.role() == Role.COUNTY_HANDLER ? firstOf(ownCountyHandler(s, a), claimer(s, a)) : intakeOrProvince(a),
        in(s, "resume", SUSPENDED));
    if (refused != null) return refused;
    TicketStatus back = s.resumesTo();
    return accept(TicketEventType.RESUMED, s, back, null, Map.of(),
        new TicketState(back, s.intakeOrg(), s.countyCode(), s.claimedBy(), null, s.replyAttempts()));
  }

  private Decision reopen(TicketState s, Reopen c, Actor a) {
    Decision refused = firstOf(text(c.reason(), "reason"), intakeOrProvince(a),
        in(s, "reopen", CLOSED, REPLIED, RESOLVED_AT_INTAKE));
    if (refused != null) return refused;
    TicketStatus to = s.countyCode() == null || s.status() == RESOLVED_AT_INTAKE ? NEW
        : s.claimedBy() == null ? DISPATCHED : IN_PROGRESS;
    TicketState next = new TicketState(to, s.intakeOrg(), to == NEW ? null : s.countyCode(),
        to == IN_PROGRESS ? s.claimedBy() : null, null, 0);
    return accept(TicketEventType.REOPENED, s, to, c.reason(), Map.of(), next);
  }

  /**
   * A merged duplicate is closed like any ended ticket (its clocks and supervision orders end with CLOSED); the
   * payload names the survivor. Only supervisors decide that two reports are one case.
   */
  private Decision mergeInto(TicketState s, MergeInto c, Actor a) {
    Decision refused = firstOf(text(c.reason(), "reason"),
        a.role() == Role.INTAKE_SUPERVISOR || a.role() == Role.PROVINCE_SUPERVISOR ? null
            : rejected(RuleViolation.forbidden("supervisor-only", "only a supervisor may merge tickets")),
        openState(s, "merge"));
    if (refused != null) return refused;
    Map<String, Object> payload = new HashMap<>();
    payload.put("mergedInto", c.survivorId());
    if (c.survivorRef() != null) payload.put("mergedIntoRef", c.survivorRef());
    return accept(TicketEventType.CLOSED, s, CLOSED, c.reason(), payload,
        new TicketState(CLOSED, s.intakeOrg(), s.countyCode(), s.claimedBy(), null, s.replyAttempts()));
  }

  /**
   * Hands the ticket to a named handler of its county. An unclaimed ticket becomes CLAIMED (its claim clock stops as
   * on a claim); a claimed one keeps its state and changes hands, so a supervisor can take a case from a handler who
   * is away without the work done so far being lost.
   */
  private Decision assign(TicketState s, Assign c, Actor a) {
    Decision refused = firstOf(text(c.reason(), "reason"), supervisor(a),
        in(s, "assign", DISPATCHED, CLAIMED, IN_PROGRESS, SUSPENDED));
    if (refused != null) return refused;
    if (c.handlerRole() != Role.COUNTY_HANDLER || !c.handlerOrg().equals(s.countyCode())) {
      return rejected(RuleViolation.invalid("handler", "the handler must be a county handler of county " + s.countyCode()));
    }
    if (Long.valueOf(c.handlerId()).equals(s.claimedBy())) {
      return rejected(RuleViolation.invalid("handler", "the ticket is already with this handler"));
    }
    TicketStatus to = s.status() == DISPATCHED ? CLAIMED : s.status();
    Map<String, Object> payload = new HashMap<>();
    payload.put("handlerId", c.handlerId());
    if (s.claimedBy() != null) payload.put("fromHandlerId", s.claimedBy());
    return accept(TicketEventType.ASSIGNED, s, to, c.reason(), payload,
        new TicketState(to, s.intakeOrg(), s.countyCode(), c.handlerId(), s.suspendedFrom(), s.replyAttempts()));
  }

  // ---- rules shared by several commands ----

  private static Decision supervisor(Actor a) {
    return a.role() == Role.INTAKE_SUPERVISOR || a.role() == Role.PROVINCE_SUPERVISOR ? null
        : rejected(RuleViolation.forbidden("supervisor-only", "only a supervisor may do this"));
  }

  /**
   * Once a handler has claimed a ticket, only that handler works on it: two people writing notes and results on one
   * case is how a child gets two contradicting visits or none. A supervisor reassigns with a reason ({@link Assign}).
   */
  private static Decision claimer(TicketState s, Actor a) {
    return s.claimedBy() == null || s.claimedBy() == a.userId() ? null
        : rejected(RuleViolation.forbidden("not-claimer",
            "the ticket is claimed by a colleague; a supervisor can reassign it"));
  }

  private static Decision intake(Actor a) {
    return a.role().isIntake() ? null
        : rejected(RuleViolation.forbidden("intake-only", "only intake operators and supervisors may do this"));
  }

  private static Decision intakeOrProvince(Actor a) {
    return a.role().isIntake() || a.role() == Role.PROVINCE_SUPERVISOR ? null
        : rejected(RuleViolation.forbidden("intake-only", "only the intake tier or the province may do this"));
  }

  private static Decision ownCountyHandler(TicketState s, Actor a) {
    if (a.role() != Role.COUNTY_HANDLER) {
      return rejected(RuleViolation.forbidden("county-only", "only a county handler may do this"));
    }
    return a.orgCode().equals(s.countyCode()) ? null
        : rejected(RuleViolation.forbidden("own-county", "the ticket is not assigned to your county"));
  }

  private Decision county(String code, String field) {
    if (code == null || code.isBlank()) return rejected(RuleViolation.invalid(field, field + " is required"));
    return orgs.isCounty(code) ? null : rejected(RuleViolation.invalid(field, "unknown county code " + code));
  }

  private static Decision in(TicketState s, String action, TicketStatus... allowed) {
    return Set.of(allowed).contains(s.status()) ? null
        : rejected(RuleViolation.conflict("illegal-transition", action + " is not allowed in state " + s.status()));
  }

  private static Decision openState(TicketState s, String action) {
    return s.status().isOpen() ? null
        : rejected(RuleViolation.conflict("illegal-transition", action + " is not allowed in state " + s.status()));
  }

  private static Decision text(String value, String field) {
    if (value == null || value.isBlank()) return rejected(RuleViolation.invalid(field, field + " is required"));
    return optionalText(value, field);
  }

  private static Decision optionalText(String value, String field) {
    return value == null || value.length() <= MAX_TEXT ? null
        : rejected(RuleViolation.invalid(field, field + " is longer than " + MAX_TEXT + " characters"));
  }

  private static Decision firstOf(Decision... checks) {
    for (Decision d : checks) if (d != null) return d;
    return null;
  }

  private static TicketState with(TicketState s, TicketStatus status) {
    return new TicketState(status, s.intakeOrg(), s.countyCode(), s.claimedBy(), s.suspendedFrom(), s.replyAttempts());
  }

  private static Decision accept(TicketEventType type, TicketState s, TicketStatus to, String reason,
      Map<String, Object> payload, TicketState after) {
    return new Decision.Accepted(new Transition(type, s.status(), to, reason, payload, after));
  }

  private static Decision rejected(RuleViolation v) { return new Decision.Rejected(v); }
}
