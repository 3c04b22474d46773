package cn.hotline12349.core.partner;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One partner agency or field contact of the directory; {@code demo} marks fictional contact details. */
public record Partner(long id, String code, PartnerKind kind, String orgCode, String name, List<Channel> channels,
                      boolean demo, boolean active, String source) {
  public Partner {
    channels = List.copyOf(channels);
  }

  /** How to reach the partner. */
  public record Channel(String type, String value) {
    public static final List<String> TYPES = List.of("HOTLINE", "PHONE", "FAX", "EMAIL", "WECHAT", "ADDRESS", "OTHER");
  }

  public JsonObject toJson() {
    JsonArray ch = new JsonArray();
    channels.forEach(c -> ch.add(new JsonObject().put("type", c.type()).put("value", c.value())));
    return new JsonObject().put("id", id).put("code", code).put("kind", kind.name()).put("org", orgCode)
        .put("name", name).put("channels", ch).put("demo", demo).put("active", active).put("source", source);
  }
}
