package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.ticket.AuditLog;
import cn.hotline12349.telephony.Telephony;
import java.util.function.Supplier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code GET /api/calls/{linkedid}/recording}: the call's MixMonitor recording (audio/wav), for supervisors only (the
 * prefecture's intake supervisor for its own calls, the province for all), each play written to the audit log
 * (RECORDING_PLAYED, with the linked ticket). Past retention: 410.
 */
final class RecordingRoutes {
  static final String PLAYED = "RECORDING_PLAYED";

  /** The node's current telephony (it changes when this node takes the PBX over or loses it). */
  private final Supplier<Telephony> telephony;
  private final Pool pool;
  private final OrgTree orgs;
  private final Clock clock;
  private final AuditLog audit = new AuditLog();

  RecordingRoutes(Supplier<Telephony> telephony, Pool pool, OrgTree orgs, Clock clock) {
    this.telephony = telephony;
    this.pool = pool;
    this.orgs = orgs;
    this.clock = clock;
  }

  void mount(Router api) {
    api.get("/calls/:linkedid/recording").handler(this::play);
  }

  private void play(RoutingContext ctx) {
    Actor actor = Access.require(ctx, CallRoutes::supervises, "recordings-supervisors-only",
        "recordings are played by intake and province supervisors only");
    String linkedid = CallRoutes.linkedid(ctx);
    CallRoutes.inScope(ctx, telephony.get(), actor, orgs, linkedid).compose(call -> {
      String name = call.getString("recording");
      if (name == null) return Future.failedFuture(new RuleViolationException(RuleViolation.notFound("the call has no recording")));
      return ctx.vertx().executeBlocking(() -> telephony.get().recordings().file(name), false).compose(file -> file.isEmpty()
          ? Future.succeededFuture(Optional.<Path>empty())
          : audit.recordRead(pool, actor, PLAYED, call.getLong("ticketId"), "call " + linkedid, clock.instant()).map(v -> file));
    }).onSuccess(file -> {
      if (file.isEmpty()) {
        Problems.send(ctx, 410, "recording-gone", "Gone", "the recording is past its retention or missing", null);
        return;
      }
      AccessAudit.done(ctx); // the play was audited (PLAYED) before this answer
      ctx.response().putHeader("Content-Type", "audio/wav").putHeader("Cache-Control", "no-store")
          .sendFile(file.get().toString());
    }).onFailure(ctx::fail);
  }

}
