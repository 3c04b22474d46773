package cn.hotline12349.ui.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
  private static final Set<String> PROXIES = Set.of("10.0.0.2", "10.0.0.3");

  @Test
  void aTrustedProxyNamesTheClientAndNobodyElseCan() {
    assertThat(ClientAddress.of("10.0.0.2", "203.0.113.7", PROXIES)).isEqualTo("203.0.113.7");
    assertThat(ClientAddress.of("10.0.0.2", "198.51.100.1, 203.0.113.7", PROXIES))
        .as("the rightmost hop the proxy saw, not what the client wrote before it").isEqualTo("203.0.113.7");
    assertThat(ClientAddress.of("10.0.0.2", "203.0.113.7, 10.0.0.3", PROXIES)).as("past a second proxy").isEqualTo("203.0.113.7");
    assertThat(ClientAddress.of("203.0.113.9", "198.51.100.1", PROXIES)).as("a client's own header is ignored")
        .isEqualTo("203.0.113.9");
    assertThat(ClientAddress.of("10.0.0.2", null, PROXIES)).isEqualTo("10.0.0.2");
    assertThat(ClientAddress.of("10.0.0.2", "203.0.113.7", Set.of())).as("no proxies configured").isEqualTo("10.0.0.2");
  }
}
