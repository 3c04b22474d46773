package cn.hotline12349.ui.http;

import cn.hotline12349.core.user.Session;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A live event stream (GET /api/events) is authenticated once, when it opens, and then stays open: without this it
 * went on pushing ticket rows (a child's name, the narrative's first line) after its session was logged out or had
 * expired. Each stream is registered here with its session; a logout (on any node: {@link #ENDED} is published on the
 * event bus, carrying a digest of the token, never the token) and the session's expiry close it, and the browser's
 * reconnect then meets 401.
 */
final class SessionStreams {
  /** A session ended by logout: body = {@link #key} of its token. */
  static final String ENDED = "hotline.session.ended";
  private static final long SWEEP_MS = 5_000;

  private record Stream(String key, Instant expiresAt) {}

  private final Map<HttpServerResponse, Stream> open = new ConcurrentHashMap<>();
  private final Clock clock;

  private SessionStreams(Clock clock) { this.clock = clock; }

  /** Mounts the registration on {@code GET /events} of the authenticated /api router, before the stream's own route. */
  static SessionStreams mount(Vertx vertx, Router api, String path, Clock clock) {
    SessionStreams streams = new SessionStreams(clock);
    vertx.eventBus().<String>consumer(ENDED, m -> streams.close(m.body()));
    vertx.setPeriodic(SWEEP_MS, id -> streams.sweep());
    api.get(path).handler(streams::register);
    return streams;
  }

  /** Tells every node that the session of {@code token} ended. */
  static void ended(Vertx vertx, String token) {
    if (token != null) vertx.eventBus().publish(ENDED, key(token));
  }

  private void register(RoutingContext ctx) {
    Session s = Auth.session(ctx);
    String token = Auth.token(ctx);
    if (s != null && token != null) open.put(ctx.response(), new Stream(key(token), s.expiresAt()));
    ctx.next();
  }

  private void close(String key) {
    open.forEach((res, s) -> { if (s.key().equals(key)) end(res); });
  }

  private void sweep() {
    Instant now = clock.instant();
    open.forEach((res, s) -> {
      if (res.closed() || res.ended()) open.remove(res);
      else if (!now.isBefore(s.expiresAt())) end(res);
    });
  }

  private void end(HttpServerResponse res) {
    open.remove(res);
    if (!res.closed()) res.reset(); // closes the connection: the stream's close handler forgets it
  }

  static String key(String token) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(("event-stream:" + token).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
