package cn.hotline12349.telephony.loopback;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Parses a raw recorded AMI stream (banner, responses, events separated by blank CRLF lines). */
public final class AmiTranscript {
  public static final String FIVE_ANSWERED = "/ami/ami-5-answered-calls.txt";
  public static final String ABANDONED = "/ami/ami-abandoned-call.txt";

  private AmiTranscript() {}

  public static List<AmiMessage> parse(String text) {
    List<AmiMessage> out = new ArrayList<>();
    List<AmiMessage.Field> current = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isEmpty()) {
        if (!current.isEmpty()) out.add(new AmiMessage(current));
        current = new ArrayList<>();
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) continue; // the banner line
      String value = line.substring(colon + 1);
      current.add(new AmiMessage.Field(line.substring(0, colon), value.startsWith(" ") ? value.substring(1) : value));
    }
    if (!current.isEmpty()) out.add(new AmiMessage(current));
    return out;
  }

  /** Only the unsolicited events of a transcript: no responses and no events answering an action. */
  public static List<AmiMessage> events(List<AmiMessage> all) {
    return all.stream().filter(m -> m.get("Event") != null && m.get("ActionID") == null).toList();
  }

  public static List<AmiMessage> loadEvents(String resource) {
    return events(parse(load(resource)));
  }

  public static String load(String resource) {
    try (InputStream in = AmiTranscript.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalArgumentException("missing resource " + resource);
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
