package cn.hotline12349.ui.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clustered event bus over TLS with mutual authentication: two nodes in one JVM (one with a PKCS#12 key, one with
 * PEM files, both trusting the cluster's certificate) exchange messages; the bus port speaks TLS and refuses a client
 * without a certificate; a third node with a certificate of its own joins Hazelcast (which has no TLS) but cannot
 * reach the others' consumers. Certificates are made by keytool in the test.
 */
class ClusterTlsTest {
  static final String PASS = "test-pass";

  @TempDir
  Path dir;

  @Test
  void twoNodesTalkOverMutualTlsAndANodeWithAnotherCertificateCannot() throws Exception {
    Path cluster = selfSigned("cluster");
    Path clusterPem = exportCert("cluster", cluster);
    Path[] pemPair = pemKeyPair("cluster", cluster);
    Path outsider = selfSigned("outsider");
    Path outsiderPem = exportCert("outsider", outsider);

    int pa = ClusterNode.freePort();
    int pb = ClusterNode.freePort();
    int pc = ClusterNode.freePort();
    int busA = ClusterNode.freePort();
    List<Integer> members = List.of(pa, pb, pc);
    Map<String, String> envA = env(pa, members);
    envA.put("HOTLINE_CLUSTER_BUS_PORT", Integer.toString(busA));
    envA.put("HOTLINE_CLUSTER_TLS_KEYSTORE", cluster.toString());
    envA.put("HOTLINE_CLUSTER_TLS_KEYSTORE_PASSWORD", PASS);
    envA.put("HOTLINE_CLUSTER_TLS_TRUST", clusterPem.toString());
    Map<String, String> envB = env(pb, members);
    envB.put("HOTLINE_CLUSTER_TLS_CERT", pemPair[0].toString());
    envB.put("HOTLINE_CLUSTER_TLS_KEY", pemPair[1].toString());
    envB.put("HOTLINE_CLUSTER_TLS_TRUST", clusterPem.toString());
    Map<String, String> envC = env(pc, members);
    envC.put("HOTLINE_CLUSTER_TLS_KEYSTORE", outsider.toString());
    envC.put("HOTLINE_CLUSTER_TLS_KEYSTORE_PASSWORD", PASS);
    envC.put("HOTLINE_CLUSTER_TLS_TRUST", outsiderPem.toString());

    List<Vertx> nodes = new ArrayList<>();
    try {
      Vertx a = start(envA, nodes);
      Vertx b = start(envB, nodes);
      AtomicInteger heardOnA = new AtomicInteger();
      a.eventBus().<String>consumer("tls.test", m -> {
        heardOnA.incrementAndGet();
        m.reply(m.body() + "!");
      }).completion().await();

      // B reaches A's consumer (once the subscription has spread through Hazelcast)
      String reply = null;
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (reply == null && System.nanoTime() < end) {
        try {
          reply = b.eventBus().<String>request("tls.test", "hi", new DeliveryOptions().setSendTimeout(2000))
              .await(5, TimeUnit.SECONDS).body();
        } catch (Exception e) {
          Thread.sleep(200);
        }
      }
      assertThat(reply).isEqualTo("hi!");

      // A's bus port speaks TLS and wants the client's certificate
      try (SSLSocket s = tlsClient(busA, clusterPem, cluster)) {
        s.startHandshake();
        assertThat(s.getSession().getProtocol()).startsWith("TLS");
        assertThat(((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName())
            .contains("CN=hotline-cluster");
        s.setSoTimeout(500);
        assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class); // still open
      }
      try (SSLSocket s = tlsClient(busA, clusterPem, null)) {
        s.setSoTimeout(5000);
        assertThat(refused(s)).as("a client without a certificate is refused").isTrue();
      }

      // C is a Hazelcast member (no TLS there), but its certificate is not the cluster's: its message never arrives
      Vertx c = start(envC, nodes);
      int before = heardOnA.get();
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> c.eventBus().request("tls.test", "intruder", new DeliveryOptions().setSendTimeout(2000))
            .await(10, TimeUnit.SECONDS)).isInstanceOf(Exception.class);
      }
      assertThat(heardOnA.get()).isEqualTo(before);
    } finally {
      for (Vertx v : nodes) v.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void halfATlsConfigurationIsRefusedAtStart() {
    Map<String, String> env = new HashMap<>(Map.of("HOTLINE_CLUSTER_TLS_TRUST", "/nonexistent.pem"));
    assertThatThrownBy(() -> ClusterTls.fromEnv(env)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no node key");
    Map<String, String> noTrust = Map.of("HOTLINE_CLUSTER_TLS_CERT", "a.pem", "HOTLINE_CLUSTER_TLS_KEY", "b.pem");
    assertThatThrownBy(() -> ClusterTls.fromEnv(noTrust)).isInstanceOf(IllegalArgumentException.class);
    assertThat(ClusterTls.fromEnv(Map.of())).isEmpty();
    assertThat(ClusterSettings.fromEnv(Map.of()).tls()).isEmpty();
  }

  private static Map<String, String> env(int port, List<Integer> members) {
    Map<String, String> env = new HashMap<>();
    env.put("HOTLINE_CLUSTER", "true");
    env.put("HOTLINE_NODE_NAME", "tls-" + port);
    env.put("HOTLINE_CLUSTER_NAME", "tls-test-" + members.get(0));
    env.put("HOTLINE_CLUSTER_PORT", Integer.toString(port));
    env.put("HOTLINE_CLUSTER_MEMBERS", String.join(",", members.stream().map(p -> "127.0.0.1:" + p).toList()));
    return env;
  }

  private static Vertx start(Map<String, String> env, List<Vertx> nodes) throws Exception {
    Vertx v = ClusteredVertx.build(Vertx.builder(), new VertxOptions(), ClusterSettings.fromEnv(env))
        .await(60, TimeUnit.SECONDS);
    nodes.add(v);
    return v;
  }

  /** True when the server ends the connection (TLS 1.3 reports a missing client certificate after the handshake). */
  private static boolean refused(SSLSocket s) {
    try {
      s.startHandshake();
      return s.getInputStream().read() < 0;
    } catch (SSLException | java.net.SocketException e) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  private Path selfSigned(String name) throws Exception {
    Path p12 = dir.resolve(name + ".p12");
    keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=hotline-" + name, "-storetype", "PKCS12", "-keystore", p12.toString(),
        "-storepass", PASS, "-keypass", PASS);
    return p12;
  }

  private Path exportCert(String name, Path p12) throws Exception {
    Path pem = dir.resolve(name + ".pem");
    keytool("-exportcert", "-rfc", "-alias", name, "-keystore", p12.toString(), "-storetype", "PKCS12",
        "-storepass", PASS, "-file", pem.toString());
    return pem;
  }

  /** The certificate and its private key as PEM files (what an operator would give with CERT/KEY). */
  private Path[] pemKeyPair(String name, Path p12) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = new FileInputStream(p12.toFile())) {
      ks.load(in, PASS.toCharArray());
    }
    PrivateKey key = (PrivateKey) ks.getKey(name, PASS.toCharArray());
    Path keyPem = dir.resolve(name + "-key.pem");
    Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    return new Path[] {exportCert(name, p12), keyPem};
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("keytool %s: %s", args[0], out).isZero();
  }

  private static SSLSocket tlsClient(int port, Path trustPem, Path clientP12) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(trustPem)) {
      trust.setCertificateEntry("cluster", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (clientP12 != null) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(clientP12)) {
        ks.load(in, PASS.toCharArray());
      }
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASS.toCharArray());
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
  }
}
