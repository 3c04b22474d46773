package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import java.util.List;

/**
 * A suggested classification for the operator to confirm or override.
 * {@code countyCode} is null unless one county is clear; {@code needsCountyChoice} asks the operator to choose among
 * {@code candidateCounties}. {@code childAge}, {@code disability} and {@code noGuardian} feed {@link PriorityScore}.
 * {@code confidence} is the calibrated probability of {@code category} (learned model) or the rules' score ratio;
 * {@code unsure} says the runner-up class is close, so the operator should decide; {@code model} names what made it
 * ("rules" or the learned model's embedder).
 */
public record Suggestion(Category category, String subcategory, Severity severity, double confidence,
                         String countyCode, boolean needsCountyChoice, List<String> candidateCounties,
                         Integer childAge, boolean disability, boolean noGuardian, List<Reason> reasons,
                         boolean unsure, Category runnerUp, double runnerUpConfidence, String model) {
  public Suggestion {
    candidateCounties = List.copyOf(candidateCounties);
    reasons = List.copyOf(reasons);
  }

  /** The rules' suggestion (no runner-up). */
  public Suggestion(Category category, String subcategory, Severity severity, double confidence, String countyCode,
                    boolean needsCountyChoice, List<String> candidateCounties, Integer childAge, boolean disability,
                    boolean noGuardian, List<Reason> reasons) {
    this(category, subcategory, severity, confidence, countyCode, needsCountyChoice, candidateCounties, childAge,
        disability, noGuardian, reasons, false, null, 0, "rules");
  }

  public PriorityScore.Vulnerability vulnerability() {
    return new PriorityScore.Vulnerability(childAge, disability, noGuardian);
  }
}
