package cn.hotline12349.ui.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.telephony.agi.IntakeAgiServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PBX owner's FastAGI port: a node taking the PBX while the port is still held (say by the previous owner's
 * dying process) keeps trying and listens once it is freed; shutting the node's Vert.x down frees the port.
 */
class OwnerAgiPortTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void theOwnerBindsOnceThePortIsFreedAndVertxCloseFreesIt() throws Exception {
    int agiPort = ClusterNode.freePort();
    int hz = ClusterNode.freePort();
    ServerSocket squatter = new ServerSocket(agiPort, 50, LOOPBACK);
    ClusterNode node = ClusterNode.start("agi-a", hz, List.of(hz), TestDatabase.create().config(),
        Clock.systemUTC(), Map.of("HOTLINE_AGI_PORT", Integer.toString(agiPort), "HOTLINE_AGI_BIND", "127.0.0.1"));
    boolean vertxClosed = false;
    try {
      PbxOwnership pbx = node.app.services().pbx();
      ClusterNode.await("agi-a owns the PBX", pbx::role, r -> r == PbxOwnership.Role.OWNER);
      IntakeAgiServer agi = pbx.current().agi().orElseThrow();
      ClusterNode.await("a second bind attempt", agi::bindAttempts, n -> n >= 2);
      assertThat(agi.state()).isEqualTo(IntakeAgiServer.State.FAILED);

      squatter.close();
      ClusterNode.await("listening once freed", agi::state, st -> st == IntakeAgiServer.State.LISTENING);
      assertThat(canBind(agiPort)).as("held by the owner").isFalse();

      node.vertx.close().await(); // Vert.x alone, no app.close(): the listener must go with it
      vertxClosed = true;
      ClusterNode.await("port freed by vertx.close()", () -> canBind(agiPort), free -> free);
      assertThat(agi.state()).isEqualTo(IntakeAgiServer.State.STOPPED);
    } finally {
      squatter.close();
      if (!vertxClosed) node.close();
    }
  }

  private static boolean canBind(int port) {
    try (ServerSocket s = new ServerSocket(port, 50, LOOPBACK)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
