package cn.hotline12349.telephony.ami;

import java.util.Map;
import java.util.Optional;

/** Where the PBX's manager interface is; absent when HOTLINE_AMI_USER/SECRET are unset (no PBX mode). */
public record AmiConfig(String host, int port, String user, String secret) {
  public static final int DEFAULT_PORT = 5038;

  public static Optional<AmiConfig> fromEnv(Map<String, String> env) {
    String user = env.get("HOTLINE_AMI_USER");
    String secret = env.get("HOTLINE_AMI_SECRET");
    if (blank(user) || blank(secret)) return Optional.empty();
    String host = blank(env.get("HOTLINE_AMI_HOST")) ? "127.0.0.1" : env.get("HOTLINE_AMI_HOST").trim();
    String port = env.get("HOTLINE_AMI_PORT");
    return Optional.of(new AmiConfig(host, blank(port) ? DEFAULT_PORT : Integer.parseInt(port.trim()), user, secret));
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  @Override
  public String toString() {
    return "AmiConfig[" + user + "@" + host + ":" + port + "]"; // never the secret
  }
}
