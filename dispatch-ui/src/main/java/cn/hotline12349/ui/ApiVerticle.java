package cn.hotline12349.ui;

import cn.hotline12349.ui.http.ApiRouter;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;

/** The HTTP server: REST API, health, metrics and the static browser UI. */
public final class ApiVerticle extends VerticleBase {
  private final Services services;
  private final AppSettings settings;
  private volatile int port = -1;

  public ApiVerticle(Services services, AppSettings settings) {
    this.services = services;
    this.settings = settings;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer()
        .requestHandler(new ApiRouter(vertx, services, settings).router())
        .listen(settings.httpPort())
        .map(HttpServer::actualPort)
        .onSuccess(p -> port = p);
  }

  public int port() { return port; }
}
