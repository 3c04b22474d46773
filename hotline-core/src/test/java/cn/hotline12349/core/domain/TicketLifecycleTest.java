package cn.hotline12349.core.domain;

import static cn.hotline12349.core.domain.TicketStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.TicketCommand.*;
import cn.hotline12349.core.org.OrgUnitsCsv;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TicketLifecycleTest {
  static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  static final TicketLifecycle LIFE = new TicketLifecycle(ORGS);
  static final Actor OPERATOR = new Actor(1, "op-xining", Role.OPERATOR, "630100");
  static final Actor SUPERVISOR = new Actor(2, "sup-xining", Role.INTAKE_SUPERVISOR, "630100");
  static final Actor HANDLER = new Actor(3, "h-chengdong", Role.COUNTY_HANDLER, "630102");
  static final Actor OTHER_HANDLER = new Actor(4, "h-yushu", Role.COUNTY_HANDLER, "632701");
  static final Actor PROVINCE = new Actor(5, "prov", Role.PROVINCE_SUPERVISOR, "630000");
  static final Actor COLLEAGUE = new Actor(6, "h-chengdong2", Role.COUNTY_HANDLER, "630102");

  /** Each command, the actor who may issue it, and the states it is legal in, with the state that follows. */
  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(new Dispatch("630102"), OPERATOR, Map.of(NEW, DISPATCHED)),
        Arguments.of(new Claim(), HANDLER, Map.of(DISPATCHED, CLAIMED)),
        Arguments.of(new AddNote("visited", true), HANDLER,
            Map.of(CLAIMED, IN_PROGRESS, IN_PROGRESS, IN_PROGRESS, SUSPENDED, SUSPENDED)),
        Arguments.of(new SubmitResult("done"), HANDLER, Map.of(CLAIMED, RESULT_SUBMITTED, IN_PROGRESS, RESULT_SUBMITTED)),
        Arguments.of(new Review(ReviewDecision.ACCEPT, null), SUPERVISOR, Map.of(RESULT_SUBMITTED, REVIEWED)),
        Arguments.of(new Review(ReviewDecision.RETURN, "visit again"), SUPERVISOR, Map.of(RESULT_SUBMITTED, IN_PROGRESS)),
        Arguments.of(new Reply(true, 5, "thanked"), SUPERVISOR, Map.of(REVIEWED, REPLIED)),
        Arguments.of(new Close(), SUPERVISOR, Map.of(REPLIED, CLOSED)),
        Arguments.of(new ResolveAtIntake("answered"), OPERATOR, Map.of(NEW, RESOLVED_AT_INTAKE)),
        Arguments.of(new Transfer("630103", "wrong area"), HANDLER,
            Map.of(DISPATCHED, DISPATCHED, CLAIMED, DISPATCHED, IN_PROGRESS, DISPATCHED)),
        Arguments.of(new Suspend("waiting for police"), HANDLER,
            Map.of(DISPATCHED, SUSPENDED, CLAIMED, SUSPENDED, IN_PROGRESS, SUSPENDED)),
        Arguments.of(new Resume(), HANDLER, Map.of(SUSPENDED, CLAIMED)),
        Arguments.of(new Reopen("child called again"), SUPERVISOR,
            Map.of(CLOSED, IN_PROGRESS, REPLIED, IN_PROGRESS, RESOLVED_AT_INTAKE, NEW)),
        Arguments.of(new Assign(6, Role.COUNTY_HANDLER, "630102", "handler on leave"), SUPERVISOR,
            Map.of(DISPATCHED, CLAIMED, CLAIMED, CLAIMED, IN_PROGRESS, IN_PROGRESS, SUSPENDED, SUSPENDED)),
        Arguments.of(new MergeInto(7, "QH-7", "same child"), SUPERVISOR,
            Map.of(NEW, CLOSED, DISPATCHED, CLOSED, CLAIMED, CLOSED, IN_PROGRESS, CLOSED, RESULT_SUBMITTED, CLOSED,
                REVIEWED, CLOSED, REPLIED, CLOSED, SUSPENDED, CLOSED)));
  }

  @ParameterizedTest(name = "{0} by {1}")
  @MethodSource("table")
  void everyCommandIsLegalExactlyInItsStates(TicketCommand command, Actor actor, Map<TicketStatus, TicketStatus> legal) {
    for (TicketStatus from : TicketStatus.values()) {
      Decision d = LIFE.decide(state(from), command, actor);
      if (legal.containsKey(from)) {
        assertThat(d).as("%s from %s", command.action(), from).isInstanceOf(Decision.Accepted.class);
        Transition t = ((Decision.Accepted) d).transition();
        assertThat(t.from()).isEqualTo(from);
        assertThat(t.to()).as("%s from %s", command.action(), from).isEqualTo(legal.get(from));
        assertThat(t.after().status()).isEqualTo(t.to());
      } else {
        assertThat(d).as("%s from %s", command.action(), from).isInstanceOf(Decision.Rejected.class);
        // A ticket with no county yet is simply not a county handler's ticket: that is refused as forbidden.
        RuleViolation.Kind expected = state(from).countyCode() == null && actor.role() == Role.COUNTY_HANDLER
            ? RuleViolation.Kind.FORBIDDEN : RuleViolation.Kind.CONFLICT;
        assertThat(((Decision.Rejected) d).violation().kind()).as("%s from %s", command.action(), from)
            .isEqualTo(expected);
      }
    }
  }

  /** A ticket in {@code status} at Chengdong, claimed by the handler, suspended from CLAIMED when suspended. */
  static TicketState state(TicketStatus status) {
    boolean atCounty = status != NEW && status != RESOLVED_AT_INTAKE;
    return new TicketState(status, "630100", atCounty ? "630102" : null,
        Set.of(NEW, DISPATCHED, RESOLVED_AT_INTAKE).contains(status) ? null : 3L,
        status == SUSPENDED ? CLAIMED : null, 0);
  }

  @Test
  void rolesOutsideTheRuleAreForbidden() {
    assertForbidden(new Dispatch("630102"), HANDLER, NEW);
    assertForbidden(new Claim(), OPERATOR, DISPATCHED);
    assertForbidden(new Claim(), OTHER_HANDLER, DISPATCHED);
    assertForbidden(new SubmitResult("x"), OTHER_HANDLER, IN_PROGRESS);
    assertForbidden(new Review(ReviewDecision.ACCEPT, null), HANDLER, RESULT_SUBMITTED);
    assertForbidden(new Review(ReviewDecision.ACCEPT, null), PROVINCE, RESULT_SUBMITTED);
    assertForbidden(new Reply(true, null, null), HANDLER, REVIEWED);
    assertForbidden(new Close(), HANDLER, REPLIED);
    assertForbidden(new ResolveAtIntake("x"), HANDLER, NEW);
    assertForbidden(new Reopen("x"), HANDLER, CLOSED);
    assertForbidden(new Transfer("630103", "x"), OTHER_HANDLER, CLAIMED);
  }

  @Test
  void provinceMayReassignAndReopen() {
    assertThat(LIFE.decide(state(IN_PROGRESS), new Transfer("632701", "reassigned by province"), PROVINCE))
        .isInstanceOf(Decision.Accepted.class);
    assertThat(LIFE.decide(state(NEW), new Dispatch("632801"), PROVINCE)).isInstanceOf(Decision.Accepted.class);
  }

  /** Issue 5 §4: an escalated ticket is reassigned by the tier above; escalation is news, not a state. */
  @Test
  void theTiersAboveMayReassignAnEscalatedTicketTheCountiesMayNot() {
    Actor countyPrefecture = new Actor(6, "sup-yushu", Role.INTAKE_SUPERVISOR, "632700");
    for (TicketStatus from : List.of(DISPATCHED, CLAIMED, IN_PROGRESS)) {
      TicketState atYushu = new TicketState(from, "630100", "632701", from == DISPATCHED ? null : 4L, null, 0);
      for (Actor above : List.of(SUPERVISOR, countyPrefecture, PROVINCE)) {
        Decision d = LIFE.decide(atYushu, new Transfer("632722", "escalated: reassigned"), above);
        assertThat(d).as("%s transfers from %s", above.username(), from).isInstanceOf(Decision.Accepted.class);
        Transition t = ((Decision.Accepted) d).transition();
        assertThat(t.after().countyCode()).isEqualTo("632722");
        assertThat(t.after().status()).isEqualTo(DISPATCHED);
        assertThat(t.after().claimedBy()).isNull();
      }
      assertThat(LIFE.decide(atYushu, new Transfer("632722", "not mine"), HANDLER))
          .as("another county's handler").isInstanceOf(Decision.Rejected.class);
    }
  }

  @Test
  void inputRulesNameTheField() {
    assertInvalid(new Dispatch("999999"), OPERATOR, NEW, "countyCode");
    assertInvalid(new Dispatch("630100"), OPERATOR, NEW, "countyCode"); // a prefecture is not a county
    assertInvalid(new Transfer("630102", "same county"), SUPERVISOR, IN_PROGRESS, "countyCode");
    assertInvalid(new Suspend(" "), HANDLER, CLAIMED, "reason");
    assertInvalid(new Review(ReviewDecision.RETURN, null), SUPERVISOR, RESULT_SUBMITTED, "comment");
    assertInvalid(new Reply(true, 6, null), SUPERVISOR, REVIEWED, "satisfaction");
    assertInvalid(new Reply(false, 4, null), SUPERVISOR, REVIEWED, "satisfaction");
    assertInvalid(new AddNote("x".repeat(TicketLifecycle.MAX_TEXT + 1), false), HANDLER, IN_PROGRESS, "text");
  }

  @Test
  void unreachableCallerEndsTheReplyStageAfterThreeAttempts() {
    TicketState s = state(REVIEWED);
    List<TicketEventType> kinds = new java.util.ArrayList<>();
    for (int i = 0; i < TicketLifecycle.MAX_REPLY_ATTEMPTS; i++) {
      Transition t = ((Decision.Accepted) LIFE.decide(s, new Reply(false, null, "no answer"), SUPERVISOR)).transition();
      kinds.add(t.type());
      s = t.after();
    }
    assertThat(kinds).containsExactly(TicketEventType.REPLY_ATTEMPTED, TicketEventType.REPLY_ATTEMPTED, TicketEventType.REPLIED);
    assertThat(s.status()).isEqualTo(REPLIED);
    assertThat(s.replyAttempts()).isEqualTo(3);
  }

  @Test
  void transferClearsTheClaimAndMovesTheTicket() {
    Transition t = ((Decision.Accepted) LIFE.decide(state(IN_PROGRESS), new Transfer("632701", "child is in Yushu"), HANDLER))
        .transition();
    assertThat(t.type()).isEqualTo(TicketEventType.TRANSFERRED);
    assertThat(t.after().countyCode()).isEqualTo("632701");
    assertThat(t.after().claimedBy()).isNull();
    assertThat(t.payload()).containsEntry("fromCounty", "630102").containsEntry("toCounty", "632701");
  }

  @Test
  void suspendRemembersWhereToResume() {
    Transition s = ((Decision.Accepted) LIFE.decide(state(IN_PROGRESS), new Suspend("waiting for hospital"), HANDLER))
        .transition();
    assertThat(s.after().suspendedFrom()).isEqualTo(IN_PROGRESS);
    Transition r = ((Decision.Accepted) LIFE.decide(s.after(), new Resume(), HANDLER)).transition();
    assertThat(r.to()).isEqualTo(IN_PROGRESS);
    assertThat(r.after().suspendedFrom()).isNull();
  }

  @Test
  void everyStateIsReachableAndEveryCommandIsCovered() {
    EnumSet<TicketStatus> reached = EnumSet.of(NEW);
    table().forEach(a -> reached.addAll(((Map<?, TicketStatus>) a.get()[2]).values()));
    assertThat(reached).containsExactlyInAnyOrder(TicketStatus.values());
    assertThat(table().map(a -> ((TicketCommand) a.get()[0]).getClass()).distinct().count())
        .isEqualTo(TicketCommand.class.getPermittedSubclasses().length);
  }

  @Test
  void mergeClosesTheDuplicateIntoTheSurvivorAndIsForSupervisorsOnly() {
    Transition t = ((Decision.Accepted) LIFE.decide(state(IN_PROGRESS), new MergeInto(42, "QH-42", "same child"), PROVINCE))
        .transition();
    assertThat(t.type()).as("clocks stop as for any closed ticket").isEqualTo(TicketEventType.CLOSED);
    assertThat(t.payload()).containsEntry("mergedInto", 42L).containsEntry("mergedIntoRef", "QH-42");
    assertThat(t.after().suspendedFrom()).isNull();
    assertForbidden(new MergeInto(42, null, "same child"), OPERATOR, NEW);
    assertForbidden(new MergeInto(42, null, "same child"), HANDLER, IN_PROGRESS);
    assertInvalid(new MergeInto(42, null, " "), SUPERVISOR, NEW, "reason");
  }

  @Test
  void onlyTheClaimerWorksOnAClaimedTicket() {
    List<TicketCommand> work = List.of(new AddNote("visited", true), new SubmitResult("done"),
        new Transfer("630103", "wrong area"), new Suspend("waiting"));
    for (TicketCommand c : work) {
      Decision d = LIFE.decide(state(IN_PROGRESS), c, COLLEAGUE);
      assertThat(d).as(c.action()).isInstanceOf(Decision.Rejected.class);
      assertThat(((Decision.Rejected) d).violation().rule()).as(c.action()).isEqualTo("not-claimer");
      assertThat(LIFE.decide(state(IN_PROGRESS), c, HANDLER)).as(c.action()).isInstanceOf(Decision.Accepted.class);
    }
    assertThat(((Decision.Rejected) LIFE.decide(state(SUSPENDED), new Resume(), COLLEAGUE)).violation().rule())
        .isEqualTo("not-claimer");
    // An unclaimed ticket is anyone's in the county: the colleague may claim it, or suspend it before a claim.
    assertThat(LIFE.decide(state(DISPATCHED), new Claim(), COLLEAGUE)).isInstanceOf(Decision.Accepted.class);
    assertThat(LIFE.decide(state(DISPATCHED), new Suspend("road closed"), COLLEAGUE))
        .isInstanceOf(Decision.Accepted.class);
  }

  @Test
  void aSupervisorHandsAClaimedTicketToAColleagueWhoThenOwnsIt() {
    Transition t = ((Decision.Accepted) LIFE.decide(state(IN_PROGRESS),
        new Assign(COLLEAGUE.userId(), Role.COUNTY_HANDLER, "630102", "handler on leave"), PROVINCE)).transition();
    assertThat(t.type()).isEqualTo(TicketEventType.ASSIGNED);
    assertThat(t.after().claimedBy()).isEqualTo(COLLEAGUE.userId());
    assertThat(t.payload()).containsEntry("handlerId", 6L).containsEntry("fromHandlerId", 3L);
    assertThat(LIFE.decide(t.after(), new AddNote("met the child", true), COLLEAGUE)).isInstanceOf(Decision.Accepted.class);
    assertThat(LIFE.decide(t.after(), new AddNote("me too", false), HANDLER)).isInstanceOf(Decision.Rejected.class);

    assertForbidden(new Assign(6, Role.COUNTY_HANDLER, "630102", "x"), HANDLER, IN_PROGRESS);
    assertForbidden(new Assign(6, Role.COUNTY_HANDLER, "630102", "x"), OPERATOR, IN_PROGRESS);
    assertInvalid(new Assign(6, Role.COUNTY_HANDLER, "630102", " "), SUPERVISOR, IN_PROGRESS, "reason");
    assertInvalid(new Assign(4, Role.COUNTY_HANDLER, "632701", "x"), SUPERVISOR, IN_PROGRESS, "handler");
    assertInvalid(new Assign(2, Role.INTAKE_SUPERVISOR, "630102", "x"), SUPERVISOR, IN_PROGRESS, "handler");
    assertInvalid(new Assign(3, Role.COUNTY_HANDLER, "630102", "x"), SUPERVISOR, IN_PROGRESS, "handler");
  }

  private static void assertForbidden(TicketCommand c, Actor a, TicketStatus from) {
    Decision d = LIFE.decide(state(from), c, a);
    assertThat(d).as("%s by %s", c.action(), a.username()).isInstanceOf(Decision.Rejected.class);
    assertThat(((Decision.Rejected) d).violation().kind()).isEqualTo(RuleViolation.Kind.FORBIDDEN);
  }

  private static void assertInvalid(TicketCommand c, Actor a, TicketStatus from, String field) {
    Decision d = LIFE.decide(state(from), c, a);
    assertThat(d).isInstanceOf(Decision.Rejected.class);
    assertThat(((Decision.Rejected) d).violation().field()).isEqualTo(field);
    assertThat(((Decision.Rejected) d).violation().kind()).isEqualTo(RuleViolation.Kind.INVALID);
  }
}
