package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import java.util.List;

/**
 * A suggested classification for the operator to confirm or override.
 * {@code countyCode} is null unless one county is clear; {@code needsCountyChoice} asks the operator to choose among
 * {@code candidateCounties}. {@code childAge}, {@code disability} and {@code noGuardian} feed {@link PriorityScore}.
 */
public record Suggestion(Category category, String subcategory, Severity severity, double confidence,
                         String countyCode, boolean needsCountyChoice, List<String> candidateCounties,
                         Integer childAge, boolean disability, boolean noGuardian, List<Reason> reasons) {
  public Suggestion {
    candidateCounties = List.copyOf(candidateCounties);
    reasons = List.copyOf(reasons);
  }

  public PriorityScore.Vulnerability vulnerability() {
    return new PriorityScore.Vulnerability(childAge, disability, noGuardian);
  }
}
