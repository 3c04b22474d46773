package cn.hotline12349.telephony.agi;

import cn.hotline12349.telephony.domain.IntakeRouting;
import java.io.IOException;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.StaticMappingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asterisk-Java's FastAGI server on HOTLINE_AGI_PORT (default 4573). Its accept loop blocks, so it
 * runs on its own daemon thread; each call is served on Asterisk-Java's pool, never on Vert.x.
 */
public final class IntakeAgiServer implements AutoCloseable {
  public static final int DEFAULT_PORT = 4573;
  private static final Logger log = LoggerFactory.getLogger(IntakeAgiServer.class);

  private final DefaultAgiServer server;
  private final int port;

  public IntakeAgiServer(int port, IntakeRouting routing, long digitTimeoutMs) {
    this.port = port;
    this.server = new DefaultAgiServer(new StaticMappingStrategy(new IntakeAgiScript(routing, digitTimeoutMs)));
    server.setPort(port);
  }

  public int port() {
    return port;
  }

  public void start() {
    Thread t = new Thread(() -> {
      try {
        server.startup();
      } catch (IOException | IllegalStateException e) {
        log.error("FastAGI server on port {} stopped: {}", port, e.getMessage());
      }
    }, "fastagi-accept");
    t.setDaemon(true);
    t.start();
    log.info("FastAGI intake server listening on port {}", port);
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IllegalStateException e) {
      log.debug("FastAGI server was not running");
    }
  }
}
