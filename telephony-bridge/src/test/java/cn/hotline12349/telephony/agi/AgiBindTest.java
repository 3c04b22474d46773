package cn.hotline12349.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.telephony.domain.IntakeRouting;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** FastAGI listens on loopback unless HOTLINE_AGI_BIND names the PBX-facing address. */
class AgiBindTest {
  @Test
  void listensOnLoopbackByDefault() throws Exception {
    assertThat(IntakeAgiServer.bindFromEnv(Map.of()).isLoopbackAddress()).isTrue();
    assertThat(IntakeAgiServer.bindFromEnv(Map.of("HOTLINE_AGI_BIND", "0.0.0.0")).isAnyLocalAddress()).isTrue();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (IntakeAgiServer agi = new IntakeAgiServer(port,
        new IntakeRouting(PbxMappingLoader.load(PbxMappingLoader.configDir()), java.time.Clock.systemUTC()), 500).bindTo(IntakeAgiServer.bindFromEnv(Map.of()))) {
      agi.start();
      String want = String.format(Locale.ROOT, ":%04X", port);
      String listen = null;
      for (int i = 0; i < 50 && listen == null; i++) {
        Thread.sleep(100);
        listen = java.util.stream.Stream.concat(Files.readAllLines(Path.of("/proc/net/tcp")).stream(),
                Files.readAllLines(Path.of("/proc/net/tcp6")).stream()).map(String::trim)
            .map(l -> l.split("\\s+")).filter(f -> f.length > 3 && f[1].endsWith(want) && "0A".equals(f[3]))
            .map(f -> f[1]).findFirst().orElse(null);
      }
      // IPv4 127.0.0.1, or the same as an IPv4-mapped address on Java's dual-stack sockets; never 0.0.0.0 / ::
      assertThat(listen).as("listening socket of port " + port)
          .isIn("0100007F" + want, "0000000000000000FFFF00000100007F" + want);
      assertThat(agi.address()).isEqualTo(InetAddress.getLoopbackAddress());
    }
  }
}
