package cn.hotline12349.ui.http;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Whether a failure means "the database cannot be reached right now" (down, restarting, recovering, pool
 * exhausted) rather than a fault of the request or of the code: those are answered 503 with Retry-After, quickly.
 */
final class Unavailable {
  /** Seconds a client should wait before retrying. */
  static final int RETRY_AFTER = 5;
  // 08: connection exception; 57P01..57P03: shut down / cannot connect now (crash recovery); 53300: too many connections
  private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "53000");

  private Unavailable() {}

  static boolean is(Throwable f) {
    for (Throwable t = f; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof PgException pg) {
        String s = pg.getSqlState();
        return s != null && (s.startsWith("08") || STATES.contains(s));
      }
      if (t instanceof ConnectException || t instanceof TimeoutException) return true;
      String name = t.getClass().getName();
      if (name.endsWith("ClosedConnectionException") || name.endsWith("ConnectTimeoutException")
          || name.endsWith("NoStackTraceTimeoutException") || name.endsWith("ConnectionPoolTooBusyException")) {
        return true;
      }
      String msg = t.getMessage();
      if (msg != null && (msg.contains("Connection refused") || msg.contains("Timeout waiting for connection")
          || msg.contains("wait queue is full") || msg.contains("Connection reset"))) {
        return true;
      }
    }
    return false;
  }
}
