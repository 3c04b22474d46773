package cn.hotline12349.ui.cluster;

import static cn.hotline12349.ui.cluster.ClusterNode.await;

import cn.hotline12349.core.testing.TestDb;
import cn.hotline12349.telephony.loopback.LoopbackAmiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Two clustered nodes on one loopback PBX with the real-PBX suite's configuration, as the recorded fail-over replays
 * need them: node A holds the PBX and node B knows it before anything is replayed. Closing stops both nodes (a crashed
 * one is already down), the PBX and removes the configuration.
 */
final class LoopbackPair implements AutoCloseable {
  final LoopbackAmiServer pbx;
  final ClusterNode a;
  final ClusterNode b;
  private final Path config;

  private LoopbackPair(LoopbackAmiServer pbx, ClusterNode a, ClusterNode b, Path config) {
    this.pbx = pbx;
    this.a = a;
    this.b = b;
    this.config = config;
  }

  static LoopbackPair start(TestDb db) throws Exception {
    Path config = RealPbxClusterTest.suiteConfig();
    LoopbackAmiServer pbx = new LoopbackAmiServer(0, "hotline", "s3cret");
    ClusterNode a = null;
    try {
      Map<String, String> ami = Map.of("HOTLINE_AMI_HOST", "127.0.0.1", "HOTLINE_AMI_PORT", Integer.toString(pbx.port()),
          "HOTLINE_AMI_USER", "hotline", "HOTLINE_AMI_SECRET", "s3cret");
      int pa = ClusterNode.freePort();
      int pb = ClusterNode.freePort();
      a = ClusterNode.start("node-a", pa, List.of(pa, pb), db.config(), Clock.systemUTC(), ami, config);
      ClusterNode nodeA = a;
      await("node-a holds the PBX", () -> nodeA.health(), h -> "CONNECTED".equals(h.getJsonObject("pbx").getString("status")));
      ClusterNode b = ClusterNode.start("node-b", pb, List.of(pa, pb), db.config(), Clock.systemUTC(), ami, config);
      LoopbackPair pair = new LoopbackPair(pbx, a, b, config);
      try {
        await("node-b sees node-a as the owner", () -> b.app.services().pbx().owner(), "node-a"::equals);
      } catch (Exception | Error e) {
        pair.close();
        throw e;
      }
      return pair;
    } catch (Exception | Error e) {
      if (a != null) a.close();
      pbx.close();
      delete(config);
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      b.close();
      a.close();
      pbx.close();
    } finally {
      delete(config);
    }
  }

  private static void delete(Path config) throws Exception {
    try (Stream<Path> files = Files.walk(config)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
