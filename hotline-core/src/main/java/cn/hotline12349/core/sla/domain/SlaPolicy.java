package cn.hotline12349.core.sla.domain;

import cn.hotline12349.core.domain.Severity;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deadlines per severity and stage, the warning fraction and the escalation ladder. Mark 0 of every clock is the
 * warning (at {@code warnFraction} of the budget); mark k ≥ 1 escalates k tiers above the owner at
 * {@code escalationFractions[k-1]} of the budget (the first is always 1.0: escalate when due).
 */
public record SlaPolicy(Map<Severity, Map<SlaStage, StagePolicy>> stages, double warnFraction,
                        List<Double> escalationFractions, StagePolicy supervisionDefault) {
  public SlaPolicy {
    Objects.requireNonNull(supervisionDefault, "supervisionDefault");
    Map<Severity, Map<SlaStage, StagePolicy>> copy = new EnumMap<>(Severity.class);
    stages.forEach((sev, m) -> {
      if (m.containsKey(SlaStage.SUPERVISION)) throw new IllegalArgumentException("SUPERVISION is not a ticket stage");
      copy.put(sev, Map.copyOf(m));
    });
    stages = Map.copyOf(copy);
    if (!(warnFraction > 0 && warnFraction < 1)) throw new IllegalArgumentException("warning fraction must be in (0,1)");
    escalationFractions = List.copyOf(escalationFractions);
    if (escalationFractions.isEmpty() || escalationFractions.get(0) != 1.0) {
      throw new IllegalArgumentException("the first escalation must be at 1.0 (the deadline)");
    }
    for (int i = 1; i < escalationFractions.size(); i++) {
      if (escalationFractions.get(i) <= escalationFractions.get(i - 1)) {
        throw new IllegalArgumentException("escalation fractions must increase");
      }
    }
  }

  public Optional<StagePolicy> stage(Severity severity, SlaStage stage) {
    return Optional.ofNullable(stages.getOrDefault(severity, Map.of()).get(stage));
  }

  /** Fraction of the budget at which mark {@code index} falls due; mark 0 is the warning. */
  public double markFraction(int index) { return index == 0 ? warnFraction : escalationFractions.get(index - 1); }

  public int markCount() { return 1 + escalationFractions.size(); }

  /** docs/domain.md §7: what an installation gets when config/sla-policy.yaml says nothing else. */
  public static SlaPolicy defaults() {
    Map<Severity, Map<SlaStage, StagePolicy>> m = new EnumMap<>(Severity.class);
    m.put(Severity.EMERGENCY, Map.of(SlaStage.DISPATCH, StagePolicy.of("10m"), SlaStage.CLAIM, StagePolicy.of("30m"),
        SlaStage.FIRST_CONTACT, StagePolicy.of("2h"), SlaStage.RESULT, StagePolicy.of("24h"),
        SlaStage.REPLY, StagePolicy.of("24h")));
    m.put(Severity.HIGH, Map.of(SlaStage.DISPATCH, StagePolicy.of("1h"), SlaStage.CLAIM, StagePolicy.of("4h"),
        SlaStage.FIRST_CONTACT, StagePolicy.of("24h"), SlaStage.RESULT, StagePolicy.of("3wd"),
        SlaStage.REPLY, StagePolicy.of("1wd")));
    m.put(Severity.NORMAL, Map.of(SlaStage.DISPATCH, StagePolicy.of("4h"), SlaStage.CLAIM, StagePolicy.of("1wd"),
        SlaStage.FIRST_CONTACT, StagePolicy.of("3wd"), SlaStage.RESULT, StagePolicy.of("10wd"),
        SlaStage.REPLY, StagePolicy.of("2wd")));
    m.put(Severity.CONSULT, Map.of());
    return new SlaPolicy(m, 0.8, List.of(1.0, 1.5), StagePolicy.of("1wd"));
  }
}
