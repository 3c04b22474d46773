package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.risk.RiskQuestion;
import cn.hotline12349.core.intake.Rule.Signal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What the phrase families saw in one note: their own suggestion, the score per rule sub-class, the signals
 * (suicide talk, violence, a child alone ...), whether the life-first floor made it an emergency, and the normalised text.
 */
record RuleAnalysis(Suggestion suggestion, Map<String, Double> subScores, Set<Signal> signals, boolean emergencyFloor,
                    String text, Map<RiskQuestion, String> riskHints) {
  RuleAnalysis {
    riskHints = Map.copyOf(riskHints);
    subScores = Map.copyOf(subScores);
    signals = signals.isEmpty() ? EnumSet.noneOf(Signal.class) : EnumSet.copyOf(signals);
  }

  boolean has(Signal s) { return signals.contains(s); }
}
