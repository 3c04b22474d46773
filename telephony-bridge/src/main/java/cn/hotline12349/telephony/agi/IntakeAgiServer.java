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

  /** The first wait before binding again after the port was taken; doubled up to {@link #MAX_RETRY_MS}. */
  static final long FIRST_RETRY_MS = 100;
  static final long MAX_RETRY_MS = 5_000;

  private final Server server;
  private final int port;
  private volatile State state = State.STARTING;
  private volatile String error;
  private volatile boolean closed;
  private volatile int bindAttempts;
  private Thread acceptThread;
  private org.asteriskjava.util.ServerSocketFacade socket;

  public IntakeAgiServer(int port, IntakeRouting routing, long digitTimeoutMs) {
    this.port = port;
    this.server = new Server(new StaticMappingStrategy(new IntakeAgiScript(routing, digitTimeoutMs)));
    server.setPort(port);
    server.setAddress(InetAddress.getLoopbackAddress()); // Asterisk-Java's default is every interface
  }

  /**
   * Asterisk-Java's server, bound by {@link #serve} before its {@code startup()}: startup() logs a failed bind at ERROR
   * with the whole stack trace (under this class's name, so no org.asteriskjava level quiets it), once per retry while
   * a port is held. Bound here first, a taken port is one warning line of ours; startup() gets the bound socket.
   */
  private final class Server extends DefaultAgiServer {
    private org.asteriskjava.util.ServerSocketFacade bound;

    Server(StaticMappingStrategy mapping) { super(mapping); }

    /** Binds the port (throws when it is taken); the socket is handed to the next startup(). */
    void bind() throws IOException {
      bindAttempts++;
      org.asteriskjava.util.ServerSocketFacade s = super.createServerSocket();
      synchronized (IntakeAgiServer.this) {
        if (closed) { // closed while binding: never leave a socket nobody will close
          s.close();
          throw new IOException("closed while binding");
        }
        state = State.LISTENING;
        error = null;
        socket = s;
        bound = s;
      }
      log.info("FastAGI intake server listening on port {}", port);
    }

    @Override
    protected org.asteriskjava.util.ServerSocketFacade createServerSocket() throws IOException {
      synchronized (IntakeAgiServer.this) {
        org.asteriskjava.util.ServerSocketFacade s = bound;
        bound = null;
        if (s == null || closed) throw new IOException("not bound (closed meanwhile)");
        return s;
      }
    }
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

  /** How many times the socket was tried (1 when the first bind worked); /health and tests read it. */
  public int bindAttempts() {
    return bindAttempts;
  }

  /**
   * Binds and serves on a daemon thread. A port still held (e.g. by the previous owner's socket, or a process
   * not yet gone) is tried again after a doubling wait capped at {@link #MAX_RETRY_MS} until it binds or
   * {@link #close()} is called; state is FAILED with the error meanwhile.
   */
  public synchronized void start() {
    if (closed || acceptThread != null) return;
    Thread t = new Thread(this::serve, "fastagi-accept");
    t.setDaemon(true);
    acceptThread = t;
    t.start();
  }

  private void serve() {
    long wait = FIRST_RETRY_MS;
    while (!closed) {
      try {
        server.bind();
        if (closed) break; // close() has closed the socket just bound
        server.startup(); // serves on the bound socket; returns once shut down
        break;
      } catch (IOException | IllegalStateException e) {
        if (closed) break;
        boolean bound = state == State.LISTENING; // the bind worked: this is no held port but a real failure
        error = e.getClass().getSimpleName() + ": " + e.getMessage();
        state = State.FAILED;
        if (bound) {
          log.error("FastAGI server failed on port {}; trying again in {} ms", port, wait, e);
          closeQuietly(); // our own socket must not hold the port against the next try
        } else { // one line: a held port is expected for a moment (the previous owner's socket); /health shows it
          log.warn("FastAGI server could not listen on port {} ({}); trying again in {} ms", port, error, wait);
        }
        try {
          Thread.sleep(wait);
        } catch (InterruptedException ie) {
          break;
        }
        wait = Math.min(wait * 2, MAX_RETRY_MS);
      }
    }
    synchronized (this) {
      if (closed || state == State.LISTENING) state = State.STOPPED;
    }
  }

  private void closeQuietly() {
    org.asteriskjava.util.ServerSocketFacade s;
    synchronized (this) {
      s = socket;
      socket = null;
    }
    if (s == null) return;
    try {
      s.close();
    } catch (IOException e) {
      log.debug("FastAGI socket already closed");
    }
  }

  /** Stops listening (frees the port) and any retry still waiting; idempotent. */
  @Override
  public void close() {
    Thread t;
    org.asteriskjava.util.ServerSocketFacade bound;
    synchronized (this) {
      if (closed) return;
      closed = true;
      if (state != State.FAILED) state = State.STOPPED;
      t = acceptThread;
      bound = socket;
    }
    if (t != null) t.interrupt(); // wakes a retry wait; the accept loop itself ends by the socket's close
    try {
      server.shutdown();
    } catch (IllegalStateException e) {
      log.debug("FastAGI server was not running");
    }
    if (bound != null) { // closed here too: Asterisk-Java only closes the socket once startup() has stored it
      try {
        bound.close();
      } catch (IOException e) {
        log.debug("FastAGI socket already closed");
      }
    }
  }
}
