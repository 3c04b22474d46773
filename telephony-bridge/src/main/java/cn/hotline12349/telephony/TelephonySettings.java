package cn.hotline12349.telephony;

import cn.hotline12349.core.config.Env;
import cn.hotline12349.telephony.agi.IntakeAgiServer;
import cn.hotline12349.telephony.ami.AmiConfig;
import java.net.InetAddress;
import java.util.Map;
import java.util.Optional;

/**
 * The telephony part of the settings, typed, parsed once from the environment (README, "Configuration"): the only
 * place that reads HOTLINE_AMI_*, HOTLINE_AGI_PORT/BIND and the recording settings.
 *
 * @param ami the PBX's manager interface; empty when HOTLINE_AMI_USER/SECRET are unset (no PBX)
 * @param agiPort the FastAGI intake server's port; empty when HOTLINE_AGI_PORT is {@code off}
 * @param agiBind the address the FastAGI server listens on (HOTLINE_AGI_BIND, default loopback)
 * @param recordings where call recordings are and how long they are kept (HOTLINE_RECORDINGS_DIR,
 *     HOTLINE_RECORDING_RETENTION_DAYS)
 */
public record TelephonySettings(Optional<AmiConfig> ami, Optional<Integer> agiPort, InetAddress agiBind,
    Recordings recordings) {

  public static TelephonySettings fromEnv(Map<String, String> env) { return fromEnv(Env.of(env)); }

  public static TelephonySettings fromEnv(Env env) {
    String user = env.string("HOTLINE_AMI_USER");
    String secret = env.secret("HOTLINE_AMI_SECRET");
    Optional<AmiConfig> ami = Optional.empty();
    if (user != null && secret != null && !secret.isBlank()) {
      ami = Optional.of(new AmiConfig(env.string("HOTLINE_AMI_HOST", "127.0.0.1"),
          env.port("HOTLINE_AMI_PORT", AmiConfig.DEFAULT_PORT), user, secret));
    }
    Optional<Integer> agiPort = "off".equalsIgnoreCase(env.string("HOTLINE_AGI_PORT", "")) ? Optional.empty()
        : Optional.of(env.port("HOTLINE_AGI_PORT", IntakeAgiServer.DEFAULT_PORT));
    return new TelephonySettings(ami, agiPort, IntakeAgiServer.bindFromEnv(env), Recordings.fromEnv(env));
  }
}
