package cn.hotline12349.telephony.agi;

import cn.hotline12349.telephony.domain.IntakeRouting;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
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

  /** What /health shows: STARTING until the socket is bound, then LISTENING; FAILED (with the error) or STOPPED. */
  public enum State { STARTING, LISTENING, FAILED, STOPPED }

  private final DefaultAgiServer server;
  private final int port;
  private volatile State state = State.STARTING;
  private volatile String error;

  public IntakeAgiServer(int port, IntakeRouting routing, long digitTimeoutMs) {
    this.port = port;
    this.server = new DefaultAgiServer(new StaticMappingStrategy(new IntakeAgiScript(routing, digitTimeoutMs))) {
      @Override
      protected org.asteriskjava.util.ServerSocketFacade createServerSocket() throws IOException {
        org.asteriskjava.util.ServerSocketFacade s = super.createServerSocket(); // throws when the port is taken
        state = State.LISTENING;
        log.info("FastAGI intake server listening on port {}", port);
        return s;
      }
    };
    server.setPort(port);
    server.setAddress(InetAddress.getLoopbackAddress()); // Asterisk-Java's default is every interface
  }

  /** HOTLINE_AGI_BIND: the address to listen on (the PBX's side), default loopback; never every interface by default. */
  public static InetAddress bindFromEnv(Map<String, String> env) { return bindFromEnv(cn.hotline12349.core.config.Env.of(env)); }

  public static InetAddress bindFromEnv(cn.hotline12349.core.config.Env env) {
    String host = env.string("HOTLINE_AGI_BIND");
    try {
      return host == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("HOTLINE_AGI_BIND is not an address: " + host, e);
    }
  }

  public IntakeAgiServer bindTo(InetAddress address) {
    server.setAddress(address);
    return this;
  }

  public InetAddress address() {
    return server.getAddress();
  }

  /** @param routing its mapping's {@code ivr.digitTimeoutMs} is the wait for each key */
  public IntakeAgiServer(int port, IntakeRouting routing) {
    this(port, routing, routing.mapping().ivr().digitTimeout());
  }

  public State state() {
    return state;
  }

  /** Why binding or serving failed, null otherwise. */
  public String error() {
    return error;
  }

  public int port() {
    return port;
  }

  public void start() {
    Thread t = new Thread(() -> {
      try {
        server.startup();
        if (state != State.FAILED) state = State.STOPPED;
      } catch (IOException | IllegalStateException e) {
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
        state = State.FAILED;
        log.error("FastAGI server on port {} failed: {}", port, e.getMessage());
      }
    }, "fastagi-accept");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() {
    if (state != State.FAILED) state = State.STOPPED;
    try {
      server.shutdown();
    } catch (IllegalStateException e) {
      log.debug("FastAGI server was not running");
    }
  }
}
