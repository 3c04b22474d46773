package cn.hotline12349.ui.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * Requests that need the PBX itself (queue login/logout/pause, queue members, callbacks,
 * console hang-ups and transfers) made on a standby node go
 * to the node holding the PBX: over the clustered event bus to {@code hotline.pbx.forward.<node>}, where that node
 * replays them against its own HTTP port with the same credentials (sessions live in the database, so any node
 * accepts them) and answers with the response. A forwarded request is never forwarded again.
 */
public final class PbxForwarding {
  public static final String ADDRESS_PREFIX = "hotline.pbx.forward.";
  static final String FORWARDED = "X-Hotline-Forwarded-From";
  private static final List<String> HEADERS = List.of("Authorization", "Cookie", "X-CSRF-Token", "Content-Type",
      "Accept-Language");
  private static final long TIMEOUT_MS = 15_000;
  /** What may be replayed here: the routes mounted above, nothing else, whatever arrives on the bus. */
  private static final java.util.regex.Pattern REPLAYABLE =
      java.util.regex.Pattern.compile("/api/(queue/[a-z]+|calls/[^/?]+/callback|calls/[^/?]+/(hangup|transfer)|tickets/\\d+/callback)(\\?.*)?");

  private PbxForwarding() {}

  /** On the /api router, after authentication and before the call and queue routes. */
  public static void mount(Router api, Vertx vertx, PbxOwnership pbx) {
    for (String path : List.of("/queue/*", "/calls/:linkedid/callback", "/tickets/:id/callback",
        "/calls/:linkedid/hangup", "/calls/:linkedid/transfer")) {
      api.route(path).handler(ctx -> forwardOrNext(ctx, vertx, pbx));
    }
  }

  private static void forwardOrNext(RoutingContext ctx, Vertx vertx, PbxOwnership pbx) {
    String owner = pbx.owner();
    if (pbx.role() != PbxOwnership.Role.STANDBY || owner == null || ctx.request().getHeader(FORWARDED) != null) {
      ctx.next();
      return;
    }
    JsonObject headers = new JsonObject();
    for (String h : HEADERS) {
      String v = ctx.request().getHeader(h);
      if (v != null) headers.put(h, v);
    }
    JsonObject req = new JsonObject().put("method", ctx.request().method().name()).put("uri", ctx.request().uri())
        .put("headers", headers).put("body", ctx.body() == null ? null : ctx.body().asString()).put("from", pbx.node());
    vertx.eventBus().<JsonObject>request(ADDRESS_PREFIX + owner, req, new DeliveryOptions().setSendTimeout(TIMEOUT_MS))
        .onSuccess(m -> {
          JsonObject r = m.body();
          ctx.response().setStatusCode(r.getInteger("status"));
          if (r.getString("contentType") != null) ctx.response().putHeader("Content-Type", r.getString("contentType"));
          ctx.response().end(r.getString("body", ""));
        })
        .onFailure(e -> ctx.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
            .end(new JsonObject().put("type", "about:blank").put("title", "Service Unavailable").put("status", 503)
                .put("detail", "the node holding the PBX did not answer").encode()));
  }

  /** Serves forwarded requests on this node's own HTTP port. */
  public static Future<Void> serve(Vertx vertx, String node, int httpPort) {
    HttpClient client = vertx.createHttpClient();
    return vertx.eventBus().<JsonObject>consumer(ADDRESS_PREFIX + node, m -> replay(client, httpPort, m)).completion();
  }

  private static void replay(HttpClient client, int port, Message<JsonObject> m) {
    JsonObject in = m.body();
    if (!REPLAYABLE.matcher(in.getString("uri", "")).matches()) {
      m.fail(400, "not a PBX route");
      return;
    }
    RequestOptions opts = new RequestOptions().setMethod(HttpMethod.valueOf(in.getString("method")))
        .setHost("127.0.0.1").setPort(port).setURI(in.getString("uri")).setTimeout(TIMEOUT_MS - 1_000)
        .putHeader(FORWARDED, in.getString("from", "?"));
    in.getJsonObject("headers", new JsonObject()).forEach(e -> opts.putHeader(e.getKey(), String.valueOf(e.getValue())));
    String body = in.getString("body");
    client.request(opts)
        .compose(req -> body == null ? req.send() : req.send(body))
        .compose(res -> res.body().map(buf -> reply(res, buf.toString())))
        .onSuccess(m::reply)
        .onFailure(e -> m.fail(503, e.getMessage()));
  }

  private static JsonObject reply(HttpClientResponse res, String body) {
    return new JsonObject().put("status", res.statusCode()).put("contentType", res.getHeader("Content-Type"))
        .put("body", body);
  }
}
