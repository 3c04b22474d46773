package cn.hotline12349.telephony.ami;


/** Where the PBX's manager interface is (parsed by {@code TelephonySettings}; absent = no PBX). */
public record AmiConfig(String host, int port, String user, String secret) {
  public static final int DEFAULT_PORT = 5038;


  @Override
  public String toString() {
    return "AmiConfig[" + user + "@" + host + ":" + port + "]"; // never the secret
  }
}
