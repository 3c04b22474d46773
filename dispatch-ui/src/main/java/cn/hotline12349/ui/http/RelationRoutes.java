package cn.hotline12349.ui.http;

import cn.hotline12349.core.config.CallerRelations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** GET /api/intake/relations: the caller-relation choices of config/caller-relations.yaml, with zh and en labels. */
final class RelationRoutes {
  private RelationRoutes() {}

  static void mount(Router api, CallerRelations relations) {
    JsonArray out = new JsonArray();
    for (CallerRelations.Relation r : relations.all()) {
      out.add(new JsonObject().put("code", r.code()).put("nameZh", r.zh()).put("nameEn", r.en()));
    }
    JsonObject body = new JsonObject().put("relations", out);
    api.get("/intake/relations").handler(ctx -> ctx.json(body));
  }

  /** The stored code for what a client sent as callerRelation; 422 naming the field when it is none of the choices. */
  static String code(CallerRelations relations, String value) {
    if (value == null || value.isBlank()) return null;
    return relations.code(value).orElseThrow(() ->
        Problems.invalid("callerRelation", "callerRelation must be one of the configured relations (GET /api/intake/relations)"));
  }
}
