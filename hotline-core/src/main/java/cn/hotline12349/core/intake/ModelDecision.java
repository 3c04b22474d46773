package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.learn.SoftmaxRegression;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the model's probabilities into one suggestion. The class is the most probable class (sum of its sub-classes),
 * the sub-class the most probable inside it. Severity: EMERGENCY when the rules' life-first floor fired or the
 * calibrated EMERGENCY probability reaches the model's threshold (the safety floor works both ways: the model may
 * raise, never lower, what the rules flag); otherwise the most probable of the rest.
 */
record ModelDecision(Category category, String subcategory, double confidence, Category runnerUp,
                     double runnerUpProbability, Severity severity, double emergencyProbability,
                     boolean raisedByModel) {
  /** Top two classes closer than this: the suggestion says it is unsure. */
  static final double UNSURE_MARGIN = 0.2;

  boolean unsure() { return confidence - runnerUpProbability < UNSURE_MARGIN; }

  static ModelDecision of(IntakeModel m, String note, float[] embedding, double[] standardised, boolean ruleFloor,
                          Taxonomy taxonomy) {
    IntakeModel.Probabilities p = m.probabilities(note, embedding, standardised);
    return fromProbabilities(m.subcategories(), p.sub(), p.severity(), m.emergencyThreshold(), ruleFloor, taxonomy);
  }

  static ModelDecision fromLogits(List<String> codes, double subTemperature, double severityTemperature,
                                  double emergencyThreshold, double[] subLogits, double[] severityLogits,
                                  boolean ruleFloor, Taxonomy taxonomy) {
    return fromProbabilities(codes, SoftmaxRegression.softmax(subLogits, subTemperature),
        OrdinalSeverity.probabilities(severityLogits, severityTemperature), emergencyThreshold, ruleFloor, taxonomy);
  }

  static ModelDecision fromProbabilities(List<String> codes, double[] pSub, double[] pSev, double emergencyThreshold,
                                         boolean ruleFloor, Taxonomy taxonomy) {
    Map<Category, Double> pCat = new EnumMap<>(Category.class);
    for (int i = 0; i < codes.size(); i++) pCat.merge(categoryOf(codes.get(i), taxonomy), pSub[i], Double::sum);
    Category top = null;
    Category second = null;
    for (Category c : Category.values()) {
      double p = pCat.getOrDefault(c, 0.0);
      if (top == null || p > pCat.getOrDefault(top, 0.0)) { second = top; top = c; }
      else if (second == null || p > pCat.getOrDefault(second, 0.0)) second = c;
    }
    String bestSub = null;
    double bestP = -1;
    for (int i = 0; i < codes.size(); i++) {
      if (categoryOf(codes.get(i), taxonomy) == top && pSub[i] > bestP) {
        bestP = pSub[i];
        bestSub = codes.get(i);
      }
    }
    String sub = taxonomy.find(bestSub).map(Subcategory::code).orElse(taxonomy.fallback(top).code());
    double pEm = pSev[Severity.EMERGENCY.ordinal()];
    Severity sev;
    boolean raised = false;
    if (ruleFloor) sev = Severity.EMERGENCY;
    else if (pEm >= emergencyThreshold) { sev = Severity.EMERGENCY; raised = true; }
    else {
      sev = Severity.HIGH;
      for (Severity s : Severity.values()) {
        if (s != Severity.EMERGENCY && pSev[s.ordinal()] > pSev[sev.ordinal()]) sev = s;
      }
    }
    return new ModelDecision(top, sub, pCat.get(top), second, pCat.getOrDefault(second, 0.0), sev, pEm, raised);
  }

  static Category categoryOf(String code, Taxonomy taxonomy) {
    return taxonomy.find(code).map(Subcategory::category)
        .orElseGet(() -> Lexicon.DEFAULT_CATEGORY.getOrDefault(code, Category.REFERRAL_OTHER));
  }
}
