package cn.hotline12349.telephony.domain;

import java.util.Map;

/** The end cause shown on a call: Q.850 code and text (Asterisk sends no text for some hang-ups, e.g. cause 0). */
public final class HangupCause {
  private static final Map<Integer, String> TEXT = Map.ofEntries(
      Map.entry(0, "Unknown"), Map.entry(1, "Unallocated number"), Map.entry(16, "Normal Clearing"),
      Map.entry(17, "User busy"), Map.entry(18, "No user responding"), Map.entry(19, "User alerting, no answer"),
      Map.entry(21, "Call Rejected"), Map.entry(27, "Destination out of order"), Map.entry(31, "Normal, unspecified"),
      Map.entry(34, "Circuit/channel congestion"), Map.entry(38, "Network out of order"),
      Map.entry(41, "Temporary failure"), Map.entry(127, "Interworking, unspecified"));

  private HangupCause() {}

  public static String describe(int cause, String text) {
    String t = text == null || text.isBlank() || "null".equals(text) ? TEXT.getOrDefault(cause, "Unknown") : text.strip();
    return cause + " " + t;
  }
}
