package cn.hotline12349.ui.ops;

import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.sla.SlaMetrics;
import cn.hotline12349.core.sla.domain.SlaStage;
import cn.hotline12349.ui.cluster.PbxOwnership;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;

/**
 * The on-call meters of one node, registered once at start (docs/operations.md lists them). The SLA meters
 * (hotline.sla.warnings, .breaches, .firing.lag) are the SLA firer's own; Vert.x adds its HTTP, event-bus and pool
 * meters.
 */
public record OpsMetrics(CallMetrics calls, OpsGauges gauges) {
  /** {@code period} (HOTLINE_GAUGE_REFRESH_MS, AppSettings) sets how often the state gauges ask the database. */
  public static OpsMetrics register(Vertx vertx, MeterRegistry registry, Pool pool, int poolMax, PbxOwnership pbx,
      Duration period) {
    PbxGauges.register(registry, pbx);
    slaSeriesAtZero(registry);
    return new OpsMetrics(CallMetrics.register(vertx, registry),
        OpsGauges.start(vertx, registry, pool, poolMax, pbx, period));
  }

  /**
   * The SLA firer registers its counters at the first warning or breach; registering every (bounded) series at 0 here
   * lets rate() and the alert rules see the first one too. Same names and tags, so the firer increments these.
   */
  private static void slaSeriesAtZero(MeterRegistry registry) {
    for (SlaStage stage : SlaStage.values()) {
      for (Tier tier : Tier.values()) {
        Counter.builder(SlaMetrics.WARNINGS).tag("tier", tier.name()).tag("stage", stage.name()).register(registry);
        Counter.builder(SlaMetrics.BREACHES).tag("tier", tier.name()).tag("stage", stage.name()).register(registry);
      }
    }
  }
}
