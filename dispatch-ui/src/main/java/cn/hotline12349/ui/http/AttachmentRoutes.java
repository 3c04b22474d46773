package cn.hotline12349.ui.http;

import cn.hotline12349.core.attachment.Attachment;
import cn.hotline12349.core.attachment.AttachmentService;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.AttachmentKind;
import cn.hotline12349.core.ticket.TicketRecord;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Files on a ticket: {@code POST /api/tickets/{id}/attachments} with the file as the raw body and its name in the
 * {@code X-Filename} header (percent-encoded UTF-8: a child's name in a file name stays out of URLs and logs);
 * {@code GET /api/tickets/{id}/attachments/{aid}} downloads it. Mount before the generic ticket action route.
 */
final class AttachmentRoutes {
  private final AttachmentService attachments;

  AttachmentRoutes(AttachmentService attachments) { this.attachments = attachments; }

  /** The upload route needs a larger body limit than the rest of the API. */
  static boolean isUpload(RoutingContext ctx) {
    return ctx.request().method() == HttpMethod.POST && ctx.normalizedPath().endsWith("/attachments");
  }

  static BodyHandler uploadBodies() { return BodyHandler.create(false).setBodyLimit(AttachmentKind.MAX_BYTES); }

  void mount(Router api) {
    api.post("/tickets/:id/attachments").handler(this::upload);
    api.get("/tickets/:id/attachments/:aid").handler(this::download);
  }

  /** The ticket detail's list of files. */
  Future<JsonObject> detail(Actor actor, TicketRecord t, JsonObject json) {
    return attachments.list(t.id()).map(list -> {
      JsonArray out = new JsonArray();
      for (Attachment a : list) out.add(json(a));
      return json.put("attachments", out);
    });
  }

  private void upload(RoutingContext ctx) {
    long id = TicketRoutes.id(ctx);
    String header = ctx.request().getHeader("X-Filename");
    String name;
    try {
      name = header == null ? null : URLDecoder.decode(header, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Problems.invalid("filename", "X-Filename must be percent-encoded UTF-8");
    }
    attachments.add(Auth.actor(ctx), id, name, ctx.body().buffer())
        .onSuccess(a -> AccessAudit.send(ctx, 201, () -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json").end(json(a).encode())))
        .onFailure(ctx::fail);
  }

  private void download(RoutingContext ctx) {
    long id = TicketRoutes.id(ctx);
    long aid = QueryParams.pathId(ctx, "aid");
    AccessAudit.done(ctx); // AttachmentService audits each download (attachment-download) before it answers
    attachments.download(Auth.actor(ctx), id, aid).onSuccess(d -> AccessAudit.send(ctx, 200, () -> ctx.response()
            .putHeader("Content-Type", d.attachment().contentType())
            .putHeader("Content-Disposition", "attachment; filename*=UTF-8''"
                + URLEncoder.encode(d.attachment().filename(), StandardCharsets.UTF_8).replace("+", "%20"))
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Cache-Control", "no-store")
            .end(d.content())))
        .onFailure(ctx::fail);
  }

  private static JsonObject json(Attachment a) {
    return new JsonObject().put("id", a.id()).put("filename", a.filename()).put("contentType", a.contentType())
        .put("size", a.size()).put("sha256", a.sha256()).put("uploadedBy", a.uploadedBy())
        .put("uploadedAt", a.uploadedAt().toString());
  }
}
