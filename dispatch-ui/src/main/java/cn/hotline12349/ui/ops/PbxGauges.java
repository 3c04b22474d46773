package cn.hotline12349.ui.ops;

import cn.hotline12349.ui.cluster.PbxOwnership;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The PBX link as the on-call person sees it, one series per node: {@code hotline.pbx.owner{node}} is 1 on the node
 * holding the AMI connection and FastAGI listener, {@code hotline.pbx.connected{node}} 1 while that link is up.
 * Summed over the cluster both must be 1; 0 is an outage, 2 a split brain.
 */
public final class PbxGauges {
  public static final String OWNER = "hotline.pbx.owner";
  public static final String CONNECTED = "hotline.pbx.connected";
  public static final String TAKEOVERS = "hotline.pbx.takeovers";

  private PbxGauges() {}

  public static void register(MeterRegistry registry, PbxOwnership pbx) {
    Gauge.builder(OWNER, pbx, p -> p.role() == PbxOwnership.Role.STANDBY ? 0 : 1).tag("node", pbx.node())
        .description("1 on the node that holds the PBX").register(registry);
    Gauge.builder(CONNECTED, pbx, p -> p.role() != PbxOwnership.Role.STANDBY
            && "CONNECTED".equals(p.current().calls().pbxStatus().getString("status")) ? 1 : 0)
        .tag("node", pbx.node()).description("1 while this node's AMI connection is up").register(registry);
    Gauge.builder(TAKEOVERS, pbx, PbxOwnership::acquisitions).tag("node", pbx.node())
        .description("times this node took the PBX over").register(registry);
  }
}
