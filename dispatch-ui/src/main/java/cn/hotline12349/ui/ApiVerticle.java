package cn.hotline12349.ui;

import cn.hotline12349.ui.http.ApiContract;
import cn.hotline12349.ui.http.ApiRouter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

/**
 * The HTTP server: REST API, health, metrics and the static browser UI. One instance per core shares one port (Vert.x
 * hands each connection to one instance's event loop); the services behind it are shared and thread-safe, sessions
 * live in the database, and each instance pushes to the SSE connections it accepted.
 */
public final class ApiVerticle extends VerticleBase {
  private final Services services;
  private final AppSettings settings;
  private final int listenPort;
  private volatile int port = -1;

  /**
   * Every instance listens on the configured port; "any free port" (0) becomes -1, which Vert.x binds once to one
   * random port that all instances share (0 would give each instance a port of its own).
   */
  public ApiVerticle(Services services, AppSettings settings) {
    this.services = services;
    this.settings = settings;
    this.listenPort = settings.httpPort() == 0 ? -1 : settings.httpPort();
  }

  @Override
  public Future<?> start() {
    return ApiContract.load(vertx).compose(contract -> vertx.createHttpServer()
        .requestHandler(new ApiRouter(vertx, services, settings).router(contract))
        .listen(listenPort))
        .map(HttpServer::actualPort)
        .onSuccess(p -> port = p);
  }

  public int port() { return port; }
}
