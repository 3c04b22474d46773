package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.sla.domain.SlaStage;
import java.time.Duration;

/** What the SLA scheduler counts; tags come from bounded enums only. */
public interface SlaMetrics {
  String WARNINGS = "hotline.sla.warnings";
  String BREACHES = "hotline.sla.breaches";
  String FIRING_LAG = "hotline.sla.firing.lag";

  void warning(SlaStage stage);

  /** An escalation; {@code tier} is where it went, null once the province has been reached. */
  void breach(Tier tier, SlaStage stage);

  /** Fire time minus the instant the mark fell due. */
  void firingLag(Duration lag);

  SlaMetrics NONE = new SlaMetrics() {
    @Override public void warning(SlaStage stage) { }
    @Override public void breach(Tier tier, SlaStage stage) { }
    @Override public void firingLag(Duration lag) { }
  };
}
