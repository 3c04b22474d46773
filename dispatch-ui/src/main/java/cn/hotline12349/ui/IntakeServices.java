package cn.hotline12349.ui;

import cn.hotline12349.core.domain.risk.RiskCheck;
import cn.hotline12349.core.intake.IntakeAdvice;
import cn.hotline12349.core.intake.IntakeRequest;
import cn.hotline12349.core.intake.IntakeSuggester;
import cn.hotline12349.core.intake.LearnedSuggester;
import cn.hotline12349.core.intake.RiskCheckConfig;
import cn.hotline12349.core.intake.store.IntakeExamples;
import cn.hotline12349.core.intake.store.IntakeModelRebuilder;
import cn.hotline12349.core.intake.store.RiskCheckStore;
import cn.hotline12349.core.ticket.CallerTickets;
import cn.hotline12349.core.ticket.DuplicateFinder;
import cn.hotline12349.core.ticket.TicketLinks;
import cn.hotline12349.core.ticket.TicketSuggestion;
import cn.hotline12349.telephony.store.PgCallerHistory;

/**
 * Intelligent intake (issue 4): suggestions, repeat callers, same-child duplicates and links. Issue 14: the learned
 * model ({@code learned}, null when it could not load: the phrase rules then answer alone), the risk check and the
 * labelled examples the model is rebuilt from ({@code rebuilder} null when there is no learned model).
 */
public record IntakeServices(IntakeSuggester suggester, CallerTickets callerTickets, PgCallerHistory callHistory,
                             DuplicateFinder duplicates, TicketLinks links, TicketSuggestion suggestions,
                             LearnedSuggester learned, RiskCheckConfig riskConfig, RiskCheckStore riskChecks,
                             IntakeExamples examples, IntakeModelRebuilder rebuilder) {
  /** The suggestion with the risk check; blocking CPU work of milliseconds: call on a worker. */
  public IntakeAdvice advise(IntakeRequest req, RiskCheck answers) {
    return learned != null ? learned.advise(req, answers) : IntakeAdvice.rulesOnly(suggester, req, answers);
  }
}
