package cn.hotline12349.ui.push;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.ticket.TicketEvents;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryContext;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser's live channel: Server-Sent Events at {@code GET /api/events}. Each frame is
 * {@code {"address": ..., "body": {...}}}, sent only when {@link PushFilter} lets that user see it.
 *
 * <p>The sla, call and operator families have open-ended address sets, so each node sees what it sends itself through
 * an outbound interceptor and re-publishes it once, wrapped, on {@link #RELAY}; every node's stream consumes the relay.
 * A clustered event bus thus brings news from any node to the browsers of every node (an interceptor sees only
 * this node's sends). The database stays the truth: a browser that reconnects reloads what it shows (live.js).
 *
 * <p>The relay carries a node's news together: what is sent while one task runs (the call bridge tells a whole write
 * batch's calls in one loop) goes out as one relay message, {@code {"news": [{address, body}, ...]}}, in the order it
 * was sent, and each receiving stream tells its browsers one frame per news in that order. One message per news was
 * most of a two-node burst's event-bus work and allocation (docs/BENCHMARKS.md). A stream with no browser connected
 * does not decode the relay at all.
 */
public final class EventStream {
  /** Relative to the authenticated /api router: the browser opens /api/events. */
  public static final String PATH = "/events";
  /** Vendor files (ECharts) from WebJars in META-INF/resources/_static. */
  public static final String VENDOR_PATH = "/_static/*";
  /** Carried news of any node, wrapped as {@code {address, body}}: consumed by the event stream of every node. */
  public static final String RELAY = "hotline.push.relay";
  /** News in one relay message at most (a burst's write batch tells ~500 calls, about 1 KB of JSON each). */
  public static final int RELAY_MAX = 256;
  private static final long HEARTBEAT_MS = 20_000;
  private static final Logger LOG = LoggerFactory.getLogger(EventStream.class);

  private final Vertx vertx;
  private final PushFilter filter;
  private final Function<RoutingContext, Actor> userOf;
  private final Set<Connection> connections = ConcurrentHashMap.newKeySet();

  private record Connection(Actor user, HttpServerResponse response, Context context) {}

  private final Function<Long, Future<JsonObject>> summaries;
  /** Told of each ticket list row sent to a stream (personal data: {@link PushAudit}). */
  private volatile BiConsumer<Actor, Long> rowSent = (user, id) -> { };

  private EventStream(Vertx vertx, OrgTree orgs, Function<RoutingContext, Actor> userOf,
      Function<Long, Future<JsonObject>> summaries) {
    this.vertx = vertx;
    this.summaries = summaries;
    this.filter = new PushFilter(orgs);
    this.userOf = userOf;
  }

  /**
   * Mounts {@code GET /events} on the /api router, after its authentication handler. {@code userOf} returns the
   * authenticated user of a request, or null when there is none.
   */
  public static EventStream mount(Vertx vertx, Router router, OrgTree orgs, Function<RoutingContext, Actor> userOf,
      Function<Long, Future<JsonObject>> summaries) {
    EventStream stream = new EventStream(vertx, orgs, userOf, summaries);
    // every node that consumes the relay decodes it with this codec (named in each relay message)
    if (vertx.sharedData().getLocalMap(RELAY).putIfAbsent("codec", true) == null) {
      vertx.eventBus().registerCodec(new RelayCodec());
    }
    vertx.eventBus().<JsonObject>consumer(RELAY, m -> {
      if (stream.connections.isEmpty()) return; // no browser here: the body is not even decoded (or copied)
      JsonArray news = m.body().getJsonArray("news");
      if (news == null) {
        stream.relayed(m.body()); // one news alone: the form of a node not yet updated
        return;
      }
      for (int i = 0; i < news.size(); i++) stream.relayed(news.getJsonObject(i));
    });
    // One relay per Vert.x instance, however many HTTP verticles mount a stream: else each would re-publish it.
    if (vertx.sharedData().getLocalMap(RELAY).putIfAbsent("interceptor", true) == null) {
      vertx.eventBus().addOutboundInterceptor(new Relay(vertx, vertx.getOrCreateContext()).interceptor());
    }
    router.get(PATH).handler(stream::open);
    return stream;
  }

  /** Serves {@link #VENDOR_PATH} (mounted on the root router). */
  public static StaticHandler vendorFiles() {
    return StaticHandler.create("META-INF/resources/_static").setCachingEnabled(true);
  }

  public int connectionCount() { return connections.size(); }

  /** Has {@code audit} told of every ticket list row this stream sends. */
  public EventStream auditPushes(PushAudit audit) {
    rowSent = audit::pushed;
    return this;
  }

  private void relayed(JsonObject news) {
    String address = news.getString("address");
    JsonObject body = news.getJsonObject("body");
    if (TicketEvents.CHANGED.equals(address)) withSummary(body); else fanOut(address, body);
  }

  /**
   * This node's carried news, gathered as they are sent (from any thread) and published on {@link #RELAY} by one
   * context, on its next turn: one message for what was sent meanwhile, in the order it was sent. Only that context
   * publishes, so relay messages leave in the order of their news. Nothing is dropped: a slow node's messages wait in
   * the event bus as single news did. A body is read when the relay goes, so a sender must not change it once sent
   * (every sender builds a fresh one).
   */
  static final class Relay {
    private static final DeliveryOptions RELAYED = new DeliveryOptions().setCodecName(RelayCodec.NAME);
    private final Vertx vertx;
    private final Context context;
    private List<JsonObject> pending = new ArrayList<>();
    private boolean scheduled;

    Relay(Vertx vertx, Context context) {
      this.vertx = vertx;
      this.context = context;
    }

    <T> Handler<DeliveryContext<T>> interceptor() {
      return dc -> {
        String address = dc.message().address();
        if (address != null && PushFilter.carried(address)) {
          JsonObject body = asJson(dc.body());
          if (body != null) add(new JsonObject().put("address", address).put("body", body));
        }
        dc.next();
      };
    }

    private synchronized void add(JsonObject news) {
      pending.add(news);
      if (!scheduled) {
        scheduled = true;
        context.runOnContext(v -> flush());
      }
    }

    private void flush() {
      List<JsonObject> news;
      synchronized (this) {
        news = pending;
        pending = new ArrayList<>();
        scheduled = false;
      }
      for (int i = 0; i < news.size(); i += RELAY_MAX) {
        List<Object> part = new ArrayList<>(news.subList(i, Math.min(news.size(), i + RELAY_MAX)));
        vertx.eventBus().publish(RELAY, new JsonObject().put("news", new JsonArray(part)), RELAYED);
      }
    }
  }

  private static JsonObject asJson(Object body) {
    if (body instanceof JsonObject json) return json;
    if (body == null || body instanceof String || body instanceof Number) return null;
    try {
      return JsonObject.mapFrom(body);
    } catch (RuntimeException e) {
      return null; // a body that cannot be shown as JSON is simply not pushed
    }
  }

  private void open(RoutingContext ctx) {
    Actor user = userOf.apply(ctx);
    if (user == null) {
      ctx.response().setStatusCode(401).putHeader("Content-Type", "application/problem+json")
          .end(new JsonObject().put("type", "about:blank").put("title", "Unauthorized").put("status", 401)
              .put("detail", "log in first").encode());
      return;
    }
    HttpServerResponse res = ctx.response();
    res.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache, no-store")
        .putHeader("X-Accel-Buffering", "no");
    Connection c = new Connection(user, res, vertx.getOrCreateContext());
    connections.add(c);
    long timer = vertx.setPeriodic(HEARTBEAT_MS, id -> res.write(": keep-alive\n\n"));
    res.closeHandler(v -> { connections.remove(c); vertx.cancelTimer(timer); });
    res.write("retry: 3000\n: connected\n\n");
  }

  /**
   * Ticket news carries the ticket's list row ({@code ticket}), read once for every receiver, so an open list patches
   * that row instead of refetching; without it (the read failed) the browser reloads its page.
   */
  private void withSummary(JsonObject body) {
    Long id = body.getLong("ticketId");
    if (id == null) { fanOut(TicketEvents.CHANGED, body); return; }
    summaries.apply(id).onComplete(ar -> fanOut(TicketEvents.CHANGED,
        ar.succeeded() && ar.result() != null ? body.copy().put("ticket", ar.result()) : body));
  }

  private void fanOut(String address, JsonObject body) {
    for (Connection c : connections) {
      filter.view(c.user(), address, body).ifPresent(visible -> c.context().runOnContext(v -> send(c, address, visible)));
    }
  }

  private void send(Connection c, String address, JsonObject body) {
    if (c.response().closed()) { connections.remove(c); return; }
    if (c.response().writeQueueFull()) {
      // A browser that cannot keep up reconnects and reloads instead of receiving a backlog.
      LOG.debug("closing a slow event stream");
      connections.remove(c);
      c.response().reset();
      return;
    }
    c.response().write("data: " + new JsonObject().put("address", address).put("body", body).encode() + "\n\n");
    if (body.getValue(PushFilter.TICKET_ROW) instanceof JsonObject row && row.getLong("id") != null) {
      rowSent.accept(c.user(), row.getLong("id"));
    }
  }
}
