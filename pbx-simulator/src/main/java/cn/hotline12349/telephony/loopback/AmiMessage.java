package cn.hotline12349.telephony.loopback;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** One AMI packet (action, response or event): ordered "Key: Value" lines; keys may repeat (Output:). */
public record AmiMessage(List<Field> fields) {
  public record Field(String key, String value) {}

  public AmiMessage {
    fields = List.copyOf(fields);
  }

  public static AmiMessage of(String... keyValues) {
    List<Field> f = new ArrayList<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) f.add(new Field(keyValues[i], keyValues[i + 1]));
    return new AmiMessage(f);
  }

  public String get(String key) {
    for (Field f : fields) if (f.key.equalsIgnoreCase(key)) return f.value;
    return null;
  }

  public Optional<String> event() {
    return Optional.ofNullable(get("Event"));
  }

  public boolean isEvent(String name) {
    return name.equalsIgnoreCase(get("Event"));
  }

  /** The PBX's event time (timestampevents=yes), seconds since the epoch, or NaN. */
  public double timestamp() {
    String t = get("Timestamp");
    try {
      return t == null ? Double.NaN : Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  public AmiMessage with(String key, String value) {
    List<Field> f = new ArrayList<>();
    boolean replaced = false;
    for (Field x : fields) {
      if (!replaced && x.key.equalsIgnoreCase(key)) {
        f.add(new Field(x.key, value));
        replaced = true;
      } else {
        f.add(x);
      }
    }
    if (!replaced) f.add(new Field(key, value));
    return new AmiMessage(f);
  }

  public AmiMessage mapValues(UnaryOperator<Field> op) {
    return new AmiMessage(fields.stream().map(op).toList());
  }

  /** Wire form: CRLF after every line and an empty line to end the packet. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    for (Field f : fields) sb.append(f.key).append(": ").append(f.value).append("\r\n");
    return sb.append("\r\n").toString();
  }
}
