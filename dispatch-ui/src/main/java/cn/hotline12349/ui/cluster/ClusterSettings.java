package cn.hotline12349.ui.cluster;

import cn.hotline12349.core.config.Env;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Cluster settings read once from the environment (README, "Running two nodes"). {@code enabled=false} is the single
 * node of before: no Hazelcast, the PBX bridge started directly. {@code port=0}: Hazelcast's default 5701 with
 * auto-increment; an explicit port is taken exactly (tests give each node its own). {@code tls}: the event bus's TLS
 * ({@link ClusterTls}), empty when no node key is configured.
 */
public record ClusterSettings(boolean enabled, String name, String host, int port, List<String> members, int busPort,
    String nodeName, Duration leaseTtl, Duration leaseRenew, Optional<ClusterTls> tls) {

  public static ClusterSettings fromEnv(Map<String, String> env) { return fromEnv(Env.of(env)); }

  public static ClusterSettings fromEnv(Env env) {
    String host = env.string("HOTLINE_CLUSTER_HOST", "127.0.0.1");
    List<String> members = Arrays.stream(env.string("HOTLINE_CLUSTER_MEMBERS", "127.0.0.1").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    Duration ttl = env.millis("HOTLINE_PBX_LEASE_TTL_MS", 6000, 100, 600_000);
    Duration renew = env.millis("HOTLINE_PBX_LEASE_RENEW_MS", 2000, 10, 300_000);
    if (renew.compareTo(ttl.dividedBy(2)) > 0) {
      throw new IllegalArgumentException("HOTLINE_PBX_LEASE_RENEW_MS must be at most half of HOTLINE_PBX_LEASE_TTL_MS");
    }
    return new ClusterSettings(
        env.bool("HOTLINE_CLUSTER", false),
        env.string("HOTLINE_CLUSTER_NAME", "hotline12349"),
        host,
        env.port("HOTLINE_CLUSTER_PORT", 0),
        members,
        env.port("HOTLINE_CLUSTER_BUS_PORT", 0),
        nodeName(env),
        ttl, renew, ClusterTls.fromEnv(env));
  }

  /** Shown as the PBX owner in /health and /metrics: a few nodes, so a bounded tag. */
  private static String nodeName(Env env) {
    String explicit = env.string("HOTLINE_NODE_NAME");
    if (explicit != null) return explicit;
    String port = Integer.toString(env.port("HOTLINE_HTTP_PORT", 8080));
    try {
      return InetAddress.getLocalHost().getHostName() + ":" + port;
    } catch (java.io.IOException e) {
      return "node-" + UUID.randomUUID().toString().substring(0, 8) + ":" + port;
    }
  }
}
