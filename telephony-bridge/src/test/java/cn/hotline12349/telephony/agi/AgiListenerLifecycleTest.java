package cn.hotline12349.telephony.agi;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.telephony.Telephony;
import cn.hotline12349.telephony.config.PbxMappingLoader;
import cn.hotline12349.telephony.domain.IntakeRouting;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The FastAGI port's life: a taken port is tried again until freed; closing the server or Vert.x frees it. */
class AgiListenerLifecycleTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @Test
  void aPortTakenAtStartIsBoundOnceFreedAndFreedAgainOnClose() throws Exception {
    int port = freePort();
    IntakeAgiServer agi;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    try (ServerSocket squatter = new ServerSocket(port, 50, LOOPBACK)) {
      agi = new IntakeAgiServer(port, new IntakeRouting(PbxMappingLoader.load(PbxMappingLoader.configDir()),
          Clock.systemUTC())).bindTo(LOOPBACK);
      agi.start();
      await(() -> agi.bindAttempts() >= 2, "tried the taken port again");
      assertThat(agi.state()).isEqualTo(IntakeAgiServer.State.FAILED);
      assertThat(agi.error()).contains("BindException");
    } finally {
      root.detachAppender(logs);
    }
    // each retry is one warning line naming the cause, with no stack trace (Asterisk-Java's own was one per retry)
    List<ILoggingEvent> accept = logs.list.stream().filter(e -> e.getThreadName().equals("fastagi-accept")).toList();
    assertThat(accept).filteredOn(e -> e.getFormattedMessage().contains("could not listen on port " + port))
        .hasSizeGreaterThanOrEqualTo(1)
        .allSatisfy(e -> {
          assertThat(e.getLevel()).isEqualTo(Level.WARN);
          assertThat(e.getFormattedMessage()).contains("BindException").doesNotContain("\n");
        });
    assertThat(accept).as("no stack trace while the port is held").allMatch(e -> e.getThrowableProxy() == null);
    await(() -> agi.state() == IntakeAgiServer.State.LISTENING, "bound once the port was freed: " + agi.error());
    assertThat(agi.error()).isNull();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(LOOPBACK, port), 2000); // really accepting
    }
    agi.close();
    assertThat(agi.state()).isEqualTo(IntakeAgiServer.State.STOPPED);
    await(() -> canBind(port), "port free after close");
  }

  @Test
  void closingAServerStillRetryingStopsTheRetries() throws Exception {
    int port = freePort();
    try (ServerSocket squatter = new ServerSocket(port, 50, LOOPBACK)) {
      IntakeAgiServer agi = new IntakeAgiServer(port, new IntakeRouting(
          PbxMappingLoader.load(PbxMappingLoader.configDir()), Clock.systemUTC())).bindTo(LOOPBACK);
      agi.start();
      await(() -> agi.bindAttempts() >= 1 && agi.state() == IntakeAgiServer.State.FAILED, "first bind failed");
      agi.close();
      squatter.close();
      int attempts = agi.bindAttempts();
      Thread.sleep(3 * IntakeAgiServer.FIRST_RETRY_MS * 4);
      assertThat(agi.bindAttempts()).as("no bind after close").isEqualTo(attempts);
      assertThat(canBind(port)).isTrue();
    }
  }

  @Test
  void closingVertxClosesTheTelephonysListener() throws Exception {
    int port = freePort();
    Vertx vertx = Vertx.vertx();
    var db = TestDatabase.create();
    Telephony tel = Telephony.start(vertx, db.pool(vertx), Map.of("HOTLINE_AGI_PORT", Integer.toString(port)),
        PbxMappingLoader.configDir(), Clock.systemUTC()).await(30, TimeUnit.SECONDS);
    IntakeAgiServer agi = tel.agi().orElseThrow();
    await(() -> agi.state() == IntakeAgiServer.State.LISTENING, "listening: " + agi.error());
    assertThat(canBind(port)).as("taken while listening").isFalse();

    vertx.close().await(30, TimeUnit.SECONDS); // no tel.stop(): a node shut down through Vert.x alone
    assertThat(agi.state()).isEqualTo(IntakeAgiServer.State.STOPPED);
    await(() -> canBind(port), "port freed by vertx.close()");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 50, LOOPBACK)) {
      return s.getLocalPort();
    }
  }

  private static boolean canBind(int port) {
    try (ServerSocket s = new ServerSocket(port, 50, LOOPBACK)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) throw new AssertionError("timed out: " + what);
      Thread.sleep(20);
    }
  }
}
