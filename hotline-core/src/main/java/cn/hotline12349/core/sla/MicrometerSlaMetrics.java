package cn.hotline12349.core.sla;

import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.sla.domain.SlaStage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Micrometer meters for the SLA scheduler. */
public final class MicrometerSlaMetrics implements SlaMetrics {
  private final MeterRegistry registry;
  private final Timer lag;

  public MicrometerSlaMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.lag = Timer.builder(FIRING_LAG).description("fire time minus due time of SLA warnings and escalations")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  @Override
  public void warning(Tier tier, SlaStage stage) {
    Counter.builder(WARNINGS).tag("tier", tierTag(tier)).tag("stage", stage.name()).register(registry).increment();
  }

  @Override
  public void breach(Tier tier, SlaStage stage) {
    Counter.builder(BREACHES).tag("tier", tierTag(tier)).tag("stage", stage.name()).register(registry).increment();
  }

  /** Bounded: the three tiers, or NONE when the unit is unknown (not expected: the stage's own tier is the fallback). */
  private static String tierTag(Tier tier) {
    return tier == null ? "NONE" : tier.name();
  }

  @Override
  public void firingLag(Duration d) { lag.record(d.isNegative() ? Duration.ZERO : d); }
}
