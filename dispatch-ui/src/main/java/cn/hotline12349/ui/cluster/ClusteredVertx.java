package cn.hotline12349.ui.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * A clustered Vert.x on Hazelcast: TCP-IP join with the configured members, multicast off, bound to one interface.
 * Vert.x's own default-cluster.xml is the base (it sets the backups of the event-bus subscription maps).
 */
public final class ClusteredVertx {
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClusteredVertx.class);
  private ClusteredVertx() {}

  public static Future<Vertx> build(VertxBuilder builder, VertxOptions options, ClusterSettings s) {
    options.getEventBusOptions().setHost(s.host()).setPort(s.busPort());
    s.tls().ifPresent(tls -> tls.applyTo(options.getEventBusOptions()));
    log.info("Cluster event bus on {}: {}", s.host(), s.tls().isPresent() ? "TLS, peers must show a trusted certificate"
        : "plain TCP (no HOTLINE_CLUSTER_TLS_* set): keep it on a private network");
    return builder.with(options).withClusterManager(new HazelcastClusterManager(hazelcast(s))).buildClustered();
  }

  static Config hazelcast(ClusterSettings s) {
    Config c = ConfigUtil.loadConfig();
    c.setClusterName(s.name());
    // A dead member must be noticed well within the 10 s PBX take-over budget; the lease, not Hazelcast, decides
    // the owner, so these only speed up the event bus's view of who is there.
    c.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    c.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    c.setProperty("hazelcast.wait.seconds.before.join", "0");
    c.setProperty("hazelcast.max.wait.seconds.before.join", "2");
    c.setProperty("hazelcast.tcp.join.port.try.count", "3");
    c.setProperty("hazelcast.phone.home.enabled", "false");
    c.setProperty("hazelcast.logging.type", "slf4j");
    c.setProperty("hazelcast.shutdownhook.enabled", "false");
    NetworkConfig net = c.getNetworkConfig();
    net.getInterfaces().setEnabled(true).addInterface(s.host());
    if (s.port() > 0) net.setPort(s.port()).setPortAutoIncrement(false);
    JoinConfig join = net.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(s.members()).setConnectionTimeoutSeconds(2);
    return c;
  }
}
