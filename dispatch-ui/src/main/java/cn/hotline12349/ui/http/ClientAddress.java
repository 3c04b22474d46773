package cn.hotline12349.ui.http;

import java.util.Set;

/**
 * The address a login try comes from, for the per-address back-off and the audit. Behind the TLS-terminating proxy
 * the service needs (it serves plain HTTP), every connection comes from the proxy: one guesser's failures slowed down
 * every user's login. A proxy named in HOTLINE_TRUSTED_PROXIES is believed about the client ({@code X-Forwarded-For},
 * right to left, past further trusted proxies); anyone else's header is ignored, so it cannot be used to dodge the
 * back-off.
 */
final class ClientAddress {
  private ClientAddress() {}

  static String of(String remote, String forwardedFor, Set<String> trustedProxies) {
    if (forwardedFor == null || !trustedProxies.contains(remote)) return remote;
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].trim();
      if (hop.isEmpty()) break;
      if (!trustedProxies.contains(hop)) return hop;
    }
    return remote;
  }
}
