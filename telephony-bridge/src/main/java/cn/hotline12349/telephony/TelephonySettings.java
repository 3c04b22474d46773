package cn.hotline12349.telephony;

import cn.hotline12349.telephony.agi.IntakeAgiServer;
import cn.hotline12349.telephony.ami.AmiConfig;
import java.util.Map;
import java.util.Optional;

/**
 * The telephony part of the settings, typed, parsed once from the environment (README, "Configuration"): the only
 * place that reads HOTLINE_AMI_* and HOTLINE_AGI_PORT.
 *
 * @param ami the PBX's manager interface; empty when HOTLINE_AMI_USER/SECRET are unset (no PBX)
 * @param agiPort the FastAGI intake server's port; empty when HOTLINE_AGI_PORT is {@code off}
 */
public record TelephonySettings(Optional<AmiConfig> ami, Optional<Integer> agiPort) {

  public static TelephonySettings fromEnv(Map<String, String> env) {
    String user = env.get("HOTLINE_AMI_USER");
    String secret = env.get("HOTLINE_AMI_SECRET");
    Optional<AmiConfig> ami = Optional.empty();
    if (!blank(user) && !blank(secret)) {
      String host = blank(env.get("HOTLINE_AMI_HOST")) ? "127.0.0.1" : env.get("HOTLINE_AMI_HOST").trim();
      String port = env.get("HOTLINE_AMI_PORT");
      ami = Optional.of(new AmiConfig(host, blank(port) ? AmiConfig.DEFAULT_PORT : Integer.parseInt(port.trim()),
          user, secret));
    }
    String agi = env.get("HOTLINE_AGI_PORT");
    Optional<Integer> agiPort = "off".equalsIgnoreCase(agi == null ? "" : agi.trim()) ? Optional.empty()
        : Optional.of(blank(agi) ? IntakeAgiServer.DEFAULT_PORT : Integer.parseInt(agi.trim()));
    return new TelephonySettings(ami, agiPort);
  }

  private static boolean blank(String s) { return s == null || s.isBlank(); }
}
