package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.sla.domain.SlaStage;
import java.time.Duration;

/** What the SLA scheduler counts; tags come from bounded enums only. */
public interface SlaMetrics {
  String WARNINGS = "hotline.sla.warnings";
  String BREACHES = "hotline.sla.breaches";
  String FIRING_LAG = "hotline.sla.firing.lag";

  /** A warning (80 % of the time gone); {@code tier} is the tier of the unit whose deadline it is. */
  void warning(Tier tier, SlaStage stage);

  /**
   * An escalation (the deadline passed); {@code tier} is the tier of the unit whose deadline it was (county, prefecture
   * or province: where the hotline is late), not where the escalation went.
   */
  void breach(Tier tier, SlaStage stage);

  /** Fire time minus the instant the mark fell due. */
  void firingLag(Duration lag);

  SlaMetrics NONE = new SlaMetrics() {
    @Override public void warning(Tier tier, SlaStage stage) { }
    @Override public void breach(Tier tier, SlaStage stage) { }
    @Override public void firingLag(Duration lag) { }
  };
}
