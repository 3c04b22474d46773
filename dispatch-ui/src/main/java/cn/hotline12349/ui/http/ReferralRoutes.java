package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.CallbackOutcome;
import cn.hotline12349.core.partner.Partner;
import cn.hotline12349.core.partner.PartnerEntry;
import cn.hotline12349.core.partner.PartnerKind;
import cn.hotline12349.core.referral.Referral;
import cn.hotline12349.core.referral.ReferralService;
import cn.hotline12349.core.referral.domain.ReferralStatus;
import cn.hotline12349.core.ticket.TicketService;
import cn.hotline12349.ui.LoopServices;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Closing the loop (docs/referrals.md): the partner directory, referrals and receipts, reply-call attempts,
 * follow-up visits and the mandatory reports awaiting police feedback. Mount before the generic ticket action route.
 */
final class ReferralRoutes {
  private final LoopServices loop;
  private final TicketService tickets;

  ReferralRoutes(LoopServices loop, TicketService tickets) {
    this.loop = loop;
    this.tickets = tickets;
  }

  void mount(Router api) {
    api.get("/partners").handler(ctx -> loop.partners().list(Auth.actor(ctx), ctx.queryParams().get("org"),
            ctx.queryParams().get("kind"), Boolean.TRUE.equals(QueryParams.bool(ctx, "inactive")))
        .onSuccess(list -> AccessAudit.json(ctx, new JsonObject().put("items", partners(list)))).onFailure(ctx::fail));
    api.post("/admin/partners").handler(this::addPartner);
    api.post("/admin/partners/:pid/active").handler(ctx -> {
      long id = number(ctx, "pid");
      boolean active = JsonInput.body(ctx).bool("active");
      loop.partners().setActive(Auth.actor(ctx), id, active).onSuccess(p -> AccessAudit.json(ctx, p.toJson())).onFailure(ctx::fail);
    });
    api.get("/tickets/:id/referrals").handler(ctx -> {
      long id = TicketRoutes.id(ctx);
      tickets.get(Auth.actor(ctx), id).compose(t -> loop.referrals().forTicket(id))
          .onSuccess(list -> AccessAudit.json(ctx, new JsonObject().put("items", referrals(list)))).onFailure(ctx::fail);
    });
    api.post("/tickets/:id/referrals").handler(ctx -> {
      JsonInput in = JsonInput.body(ctx);
      created(ctx, loop.referrals().refer(Auth.actor(ctx), TicketRoutes.id(ctx), in.integer("partnerId"), in.string("note"))
          .map(Referral::toJson));
    });
    api.post("/tickets/:id/referrals/:rid/receipt").handler(ctx -> {
      JsonInput in = JsonInput.body(ctx);
      ReferralService.Receipt r = new ReferralService.Receipt(in.enumValue("status", ReferralStatus.class),
          in.string("receivedBy"), instant(in, "at"), in.string("reference"), in.string("feedback"), in.string("note"));
      loop.referrals().receipt(Auth.actor(ctx), TicketRoutes.id(ctx), number(ctx, "rid"), r)
          .onSuccess(x -> AccessAudit.json(ctx, x.toJson())).onFailure(ctx::fail);
    });
    api.get("/tickets/:id/callback-attempts").handler(ctx -> {
      long id = TicketRoutes.id(ctx);
      tickets.get(Auth.actor(ctx), id).compose(t -> loop.attempts().forTicket(id))
          .onSuccess(a -> AccessAudit.json(ctx, new JsonObject().put("items", a))).onFailure(ctx::fail);
    });
    api.post("/tickets/:id/callback-attempts").handler(ctx -> {
      JsonInput in = JsonInput.body(ctx);
      CallbackOutcome outcome = in.enumValue("outcome", CallbackOutcome.class);
      created(ctx, loop.attempts().record(Auth.actor(ctx), TicketRoutes.id(ctx), outcome, instant(in, "at"),
          in.integer("satisfaction"), in.string("comment")));
    });
    api.get("/follow-ups").handler(ctx -> {
      String status = ctx.queryParams().get("status");
      if (status != null && !List.of("open", "all").contains(status)) throw Problems.invalid("status", "status is open or all");
      loop.followUps().list(Auth.actor(ctx), !"all".equals(status))
          .onSuccess(a -> AccessAudit.json(ctx, new JsonObject().put("items", a))).onFailure(ctx::fail);
    });
    api.post("/follow-ups/:fid/done").handler(ctx -> loop.followUps().done(Auth.actor(ctx), number(ctx, "fid"),
        JsonInput.body(ctx).string("note")).onSuccess(AccessAudit.json(ctx)).onFailure(ctx::fail));
    api.get("/mandatory-reports").handler(ctx -> loop.mandatory().page(Auth.actor(ctx), ctx.queryParams().get("org"),
            QueryParams.integer(ctx, "size", 100, 1, 200), ctx.queryParams().get("cursor"))
        .onSuccess(AccessAudit.json(ctx)).onFailure(ctx::fail));
  }

  private void addPartner(RoutingContext ctx) {
    JsonInput in = JsonInput.body(ctx);
    List<Partner.Channel> channels = new ArrayList<>();
    for (JsonInput c : in.objects("channels")) channels.add(new Partner.Channel(c.string("type"), c.string("value")));
    PartnerEntry e = new PartnerEntry(in.string("code"), in.enumValue("kind", PartnerKind.class),
        in.string("org"), in.string("name"), channels, in.isTrue("demo"));
    created(ctx, loop.partners().add(Auth.actor(ctx), e).map(Partner::toJson));
  }

  static JsonArray partners(List<Partner> list) {
    JsonArray out = new JsonArray();
    list.forEach(p -> out.add(p.toJson()));
    return out;
  }

  static JsonArray referrals(List<Referral> list) {
    JsonArray out = new JsonArray();
    list.forEach(r -> out.add(r.toJson()));
    return out;
  }

  private static void created(RoutingContext ctx, Future<JsonObject> f) {
    f.onSuccess(j -> AccessAudit.send(ctx, 201, () -> ctx.response().setStatusCode(201)
            .putHeader("Content-Type", "application/json").end(j.encode())))
        .onFailure(ctx::fail);
  }

  static long number(RoutingContext ctx, String param) { return QueryParams.pathId(ctx, param); }

  private static Instant instant(JsonInput in, String field) {
    String s = in.string(field);
    if (s == null || s.isBlank()) return null;
    try {
      return Instant.parse(s.trim());
    } catch (DateTimeParseException e) {
      throw Problems.invalid(field, field + " must be an instant such as 2026-11-23T08:00:00Z");
    }
  }
}
