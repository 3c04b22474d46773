package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.risk.RiskAnswer;
import cn.hotline12349.core.domain.risk.RiskCheck;
import cn.hotline12349.core.domain.risk.RiskQuestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The suggestion together with the risk check: answers the notes make clear ({@code hints}, question to phrase),
 * answers the operator gave that the notes contradict, and the level and reasons the answers call for.
 * {@code severity} is the one to show: the text's suggestion raised by the answers (never lowered).
 */
public record IntakeAdvice(Suggestion suggestion, Map<RiskQuestion, String> hints, List<Disagreement> disagreements,
                           RiskCheck.Assessment assessment, Severity severity) {
  /** The notes mention {@code phrase} but the operator answered No to {@code question}. */
  public record Disagreement(RiskQuestion question, String phrase) {}

  public IntakeAdvice {
    hints = Map.copyOf(hints);
    disagreements = List.copyOf(disagreements);
  }

  /** Advice from the phrase rules alone (the learned model is off or could not load). */
  public static IntakeAdvice rulesOnly(IntakeSuggester rules, IntakeRequest req, RiskCheck answers) {
    RuleAnalysis a = rules.analyse(req);
    return of(a.suggestion(), a.riskHints(), answers);
  }

  static IntakeAdvice of(Suggestion s, Map<RiskQuestion, String> hints, RiskCheck answers) {
    List<Disagreement> dis = new ArrayList<>();
    hints.forEach((q, phrase) -> {
      if (answers.answers().get(q) == RiskAnswer.NO) dis.add(new Disagreement(q, phrase));
    });
    dis.sort(java.util.Comparator.comparing(Disagreement::question));
    return new IntakeAdvice(s, hints, dis, answers.assess(), answers.combine(s.severity()));
  }
}
