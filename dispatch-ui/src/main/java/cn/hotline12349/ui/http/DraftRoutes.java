package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.draft.IntakeDrafts;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * The intake form's draft for a linked call, kept on the server (GET/PUT/DELETE /api/intake/drafts/:callId) so it
 * survives a crashed tab or a move to another desk. Each operator sees only their own drafts; reads are audited by
 * {@link AccessAudit}, the form's own autosaves are not (they read nothing).
 */
final class DraftRoutes {
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
  private final IntakeDrafts drafts;

  DraftRoutes(IntakeDrafts drafts) { this.drafts = drafts; }

  void mount(Router api) {
    api.get("/intake/drafts/:callId").handler(this::get);
    api.put("/intake/drafts/:callId").handler(this::put);
    api.delete("/intake/drafts/:callId").handler(this::delete);
    // Mounted before the ticket routes: a ticket created for a call ends that call's draft on the server too, even
    // when the browser that made it is gone before it could delete the draft itself.
    api.post("/tickets").handler(this::forgetOnCreate);
  }

  private void forgetOnCreate(RoutingContext ctx) {
    Actor who = Auth.actor(ctx);
    String call = JsonInput.body(ctx).string("callId");
    if (call != null && !CALL_ID.matcher(call).matches()) call = null;
    if (call != null && who.role().isIntake()) {
      String id = call;
      ctx.addEndHandler(v -> {
        if (ctx.response().getStatusCode() == 201) drafts.delete(who.userId(), id);
      });
    }
    ctx.next();
  }

  private void get(RoutingContext ctx) {
    drafts.find(operator(ctx).userId(), callId(ctx)).onSuccess(d -> {
      if (d.isEmpty()) {
        ctx.fail(new RuleViolationException(RuleViolation.notFound("no draft for this call")));
        return;
      }
      AccessAudit.json(ctx, new JsonObject().put("callId", callId(ctx)).put("draft", new JsonObject(d.get().body()))
          .put("updatedAt", d.get().updatedAt().toString()));
    }).onFailure(ctx::fail);
  }

  private void put(RoutingContext ctx) {
    Actor who = operator(ctx);
    String id = callId(ctx);
    String json = ((JsonObject) JsonInput.body(ctx).value("draft")).encode();
    if (json.length() > IntakeDrafts.MAX_CHARS) {
      Problems.send(ctx, 413, "draft-too-large", "Payload Too Large",
          "a draft may hold at most " + IntakeDrafts.MAX_CHARS + " characters", "draft");
      return;
    }
    AccessAudit.done(ctx);
    drafts.save(who.userId(), id, json).onSuccess(saved -> {
      if (!saved) {
        ctx.fail(new RuleViolationException(RuleViolation.conflict("too-many-drafts",
            "you already keep " + IntakeDrafts.MAX_PER_USER + " drafts; create or discard one first")));
        return;
      }
      ctx.response().setStatusCode(204).end();
    }).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    Actor who = operator(ctx);
    AccessAudit.done(ctx);
    drafts.delete(who.userId(), callId(ctx)).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  /** Drafts are the intake desk's: operators and their supervisors, each their own. */
  private static Actor operator(RoutingContext ctx) {
    Actor a = Auth.actor(ctx);
    if (!a.role().isIntake()) {
      throw new RuleViolationException(RuleViolation.forbidden("intake-only", "intake drafts are for the intake desk"));
    }
    return a;
  }

  private static String callId(RoutingContext ctx) {
    String id = ctx.pathParam("callId");
    if (id == null || !CALL_ID.matcher(id).matches()) throw Problems.invalid("callId", "not a call id");
    return id;
  }
}
