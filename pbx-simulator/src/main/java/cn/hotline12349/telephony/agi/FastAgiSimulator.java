package cn.hotline12349.telephony.agi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plays Asterisk's side of a FastAGI session: sends the agi_* environment recorded in
 * fastagi-intake.txt (with the given overrides), answers the script's commands the way Asterisk
 * does, and records the variables the script set. {@code digits} are "pressed" for GET DATA in order.
 */
public final class FastAgiSimulator {
  public static final String TRANSCRIPT = "/agi/fastagi-intake.txt";

  public record Session(Map<String, String> variablesSet, List<String> commands) {}

  private FastAgiSimulator() {}

  /** The first recorded agi_* environment of the transcript. */
  public static Map<String, String> recordedEnvironment() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    try (InputStream in = FastAgiSimulator.class.getResourceAsStream(TRANSCRIPT)) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith(">>")) break;
        if (!line.startsWith("<< agi_")) continue;
        int colon = line.indexOf(':');
        env.put(line.substring(3, colon), line.substring(colon + 1).strip());
      }
    }
    return env;
  }

  public static Session call(String host, int port, Map<String, String> overrides, List<String> digits) throws IOException {
    return call(host, port, overrides, digits, true);
  }

  /**
   * @param promptsInstalled false: GET DATA answers -1 at once, as a real Asterisk does when the prompt file is missing;
   *     WAIT FOR DIGIT then takes the keys
   */
  public static Session call(String host, int port, Map<String, String> overrides, List<String> digits,
      boolean promptsInstalled) throws IOException {
    Map<String, String> env = recordedEnvironment();
    env.putAll(overrides);
    Map<String, String> vars = new LinkedHashMap<>();
    List<String> commands = new ArrayList<>();
    List<String> keys = new ArrayList<>(digits);
    try (Socket s = new Socket(host, port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder header = new StringBuilder();
      env.forEach((k, v) -> header.append(k).append(": ").append(v).append('\n'));
      out.write(header.append('\n').toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      String cmd;
      while ((cmd = in.readLine()) != null) {
        commands.add(cmd);
        out.write((answer(cmd, vars, keys, env, promptsInstalled) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
    return new Session(vars, commands);
  }

  private static String answer(String cmd, Map<String, String> vars, List<String> keys, Map<String, String> env,
      boolean promptsInstalled) {
    String upper = cmd.toUpperCase();
    if (upper.startsWith("SET VARIABLE ")) {
      String[] p = cmd.substring(13).split(" ", 2);
      vars.put(unquote(p[0]), p.length > 1 ? unquote(p[1]) : "");
      return "200 result=1";
    }
    if (upper.startsWith("GET DATA ")) {
      if (!promptsInstalled) return "200 result=-1";
      return keys.isEmpty() ? "200 result= (timeout)" : "200 result=" + keys.remove(0);
    }
    if (upper.startsWith("WAIT FOR DIGIT ")) {
      return keys.isEmpty() ? "200 result=0" : "200 result=" + (int) keys.remove(0).charAt(0);
    }
    if (upper.startsWith("GET VARIABLE CALLERID(NUM)")) return "200 result=1 (" + env.get("agi_callerid") + ")";
    if (upper.startsWith("GET VARIABLE ") || upper.startsWith("GET FULL VARIABLE ")) return "200 result=0";
    if (upper.startsWith("STREAM FILE ")) return "200 result=0 endpos=8000";
    return "200 result=1";
  }

  private static String unquote(String s) {
    String t = s.strip();
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
  }
}
