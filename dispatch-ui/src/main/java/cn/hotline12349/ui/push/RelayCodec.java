package cn.hotline12349.ui.push;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * The relay's codec ({@link EventStream#RELAY}): JSON on the wire, as the JsonObject codec, but handed to this node's
 * own streams as it is instead of one deep copy per stream (Vert.x copies a local JsonObject body eagerly, for every
 * consumer, whether it reads it or not). The streams only read the relayed news (PushFilter masks a copy), and a sender
 * builds each carried body afresh and leaves it alone once sent, so sharing it is safe.
 */
final class RelayCodec implements MessageCodec<JsonObject, JsonObject> {
  static final String NAME = "hotline.push.relay";

  @Override
  public void encodeToWire(Buffer buffer, JsonObject json) {
    Buffer encoded = json.toBuffer();
    buffer.appendInt(encoded.length());
    buffer.appendBuffer(encoded);
  }

  @Override
  public JsonObject decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    pos += 4;
    return new JsonObject(buffer.getBuffer(pos, pos + length));
  }

  @Override
  public JsonObject transform(JsonObject json) {
    return json;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
