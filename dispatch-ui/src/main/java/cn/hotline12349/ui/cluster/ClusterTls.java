package cn.hotline12349.ui.cluster;

import cn.hotline12349.core.config.Env;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.core.net.TrustOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * TLS with mutual authentication on the clustered event bus (the TCP connections that carry every message between
 * nodes: call news, screen-pops with phone numbers, forwarded PBX requests). On as soon as a node key is configured:
 *
 * <ul>
 *   <li>{@code HOTLINE_CLUSTER_TLS_KEYSTORE} (PKCS#12, {@code .p12}/{@code .pfx}) with
 *       {@code HOTLINE_CLUSTER_TLS_KEYSTORE_PASSWORD}, or {@code HOTLINE_CLUSTER_TLS_CERT} + {@code HOTLINE_CLUSTER_TLS_KEY}
 *       (PEM): this node's certificate and private key, shown to the other nodes both ways;
 *   <li>{@code HOTLINE_CLUSTER_TLS_TRUST}: the certificate(s) a peer's certificate must chain to (PEM, or PKCS#12 with
 *       {@code HOTLINE_CLUSTER_TLS_TRUST_PASSWORD}); required with a key. A private CA for the cluster, or one shared
 *       self-signed node certificate.
 * </ul>
 * Peers are checked by chain only (Vert.x's event-bus client does not verify host names), so the trust must be the
 * cluster's own CA, never a public one. Every node needs the same settings: a node without them cannot exchange
 * messages with one that has them. Hazelcast's own member protocol (membership, subscription maps) has no TLS in the
 * open-source edition: its port must stay on a private network (docs/operations.md).
 */
public record ClusterTls(KeyCertOptions key, TrustOptions trust) {

  /** Empty when no key is configured (plain TCP, as before); a half configuration is refused at start. */
  public static Optional<ClusterTls> fromEnv(Map<String, String> env) { return fromEnv(Env.of(env)); }

  public static Optional<ClusterTls> fromEnv(Env env) {
    String keystore = env.string("HOTLINE_CLUSTER_TLS_KEYSTORE");
    String cert = env.string("HOTLINE_CLUSTER_TLS_CERT");
    String key = env.string("HOTLINE_CLUSTER_TLS_KEY");
    String trust = env.string("HOTLINE_CLUSTER_TLS_TRUST");
    if (keystore == null && cert == null && key == null) {
      if (trust != null) throw invalid("HOTLINE_CLUSTER_TLS_TRUST is set but no node key (HOTLINE_CLUSTER_TLS_KEYSTORE "
          + "or HOTLINE_CLUSTER_TLS_CERT/HOTLINE_CLUSTER_TLS_KEY)");
      return Optional.empty();
    }
    KeyCertOptions keyOptions;
    if (keystore != null) {
      if (cert != null || key != null) throw invalid("give HOTLINE_CLUSTER_TLS_KEYSTORE or HOTLINE_CLUSTER_TLS_CERT/KEY, not both");
      keyOptions = new PfxOptions().setPath(readable(keystore, "HOTLINE_CLUSTER_TLS_KEYSTORE"))
          .setPassword(env.secret("HOTLINE_CLUSTER_TLS_KEYSTORE_PASSWORD"));
    } else {
      if (cert == null || key == null) throw invalid("HOTLINE_CLUSTER_TLS_CERT and HOTLINE_CLUSTER_TLS_KEY go together");
      keyOptions = new PemKeyCertOptions().setCertPath(readable(cert, "HOTLINE_CLUSTER_TLS_CERT"))
          .setKeyPath(readable(key, "HOTLINE_CLUSTER_TLS_KEY"));
    }
    if (trust == null) throw invalid("HOTLINE_CLUSTER_TLS_TRUST is required with a node key: the certificates peers "
        + "must chain to (the cluster's CA)");
    String t = readable(trust, "HOTLINE_CLUSTER_TLS_TRUST");
    String lower = t.toLowerCase(Locale.ROOT);
    TrustOptions trustOptions = lower.endsWith(".p12") || lower.endsWith(".pfx")
        ? new PfxOptions().setPath(t).setPassword(env.secret("HOTLINE_CLUSTER_TLS_TRUST_PASSWORD"))
        : new PemTrustOptions().addCertPath(t);
    return Optional.of(new ClusterTls(keyOptions, trustOptions));
  }

  /** TLS on both ends of every event-bus connection; a peer without a trusted certificate is refused. */
  public void applyTo(EventBusOptions bus) {
    bus.setSsl(true)
        .setKeyCertOptions(key)
        .setTrustOptions(trust)
        .setTrustAll(false) // the event bus's default is to trust every server
        .setClientAuth(ClientAuth.REQUIRED);
  }

  private static String readable(String path, String name) {
    if (!Files.isReadable(Path.of(path))) throw invalid(name + " is not a readable file: " + path);
    return path;
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException(message);
  }
}
