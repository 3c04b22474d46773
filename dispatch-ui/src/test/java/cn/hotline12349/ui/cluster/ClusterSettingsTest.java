package cn.hotline12349.ui.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  @Test
  void withoutTheVariablesThereIsNoClusterAndTheDefaultsAreLoopback() {
    ClusterSettings s = ClusterSettings.fromEnv(Map.of("HOTLINE_HTTP_PORT", "8107"));
    assertThat(s.enabled()).isFalse();
    assertThat(s.members()).containsExactly("127.0.0.1");
    assertThat(s.host()).isEqualTo("127.0.0.1");
    assertThat(s.nodeName()).endsWith(":8107");
    assertThat(s.leaseTtl()).isEqualTo(Duration.ofSeconds(6));
    assertThat(s.leaseRenew()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void hazelcastJoinsOnlyTheListedMembersOverTcp() {
    ClusterSettings s = ClusterSettings.fromEnv(Map.of("HOTLINE_CLUSTER", "true", "HOTLINE_CLUSTER_MEMBERS",
        " 10.0.0.1:5701, 10.0.0.2 ,", "HOTLINE_CLUSTER_HOST", "10.0.0.1", "HOTLINE_CLUSTER_PORT", "5801",
        "HOTLINE_NODE_NAME", "a", "HOTLINE_CLUSTER_NAME", "qinghai"));
    assertThat(s.enabled()).isTrue();
    assertThat(s.members()).containsExactly("10.0.0.1:5701", "10.0.0.2");
    Config c = ClusteredVertx.hazelcast(s);
    assertThat(c.getClusterName()).isEqualTo("qinghai");
    assertThat(c.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(c.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled()).isTrue();
    assertThat(c.getNetworkConfig().getJoin().getTcpIpConfig().getMembers()).containsExactly("10.0.0.1:5701", "10.0.0.2");
    assertThat(c.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.0.1");
    assertThat(c.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(c.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(c.getMultiMapConfig("__vertx.subs").getBackupCount()).as("Vert.x's own map settings kept").isEqualTo(1);
  }

  @Test
  void aRenewalSlowerThanHalfTheLeaseIsRefused() {
    assertThatThrownBy(() -> ClusterSettings.fromEnv(Map.of("HOTLINE_PBX_LEASE_TTL_MS", "3000",
        "HOTLINE_PBX_LEASE_RENEW_MS", "2000"))).hasMessageContaining("HOTLINE_PBX_LEASE_RENEW_MS");
  }

  @Test
  void theStandbyHasNeitherAmiNorTheAgiPortButKeepsTheNodesRecordingSettings() {
    cn.hotline12349.telephony.TelephonySettings node = cn.hotline12349.telephony.TelephonySettings.fromEnv(Map.of(
        "HOTLINE_AMI_USER", "u", "HOTLINE_AMI_SECRET", "s", "HOTLINE_RECORDING_RETENTION_DAYS", "365"));
    cn.hotline12349.telephony.TelephonySettings standby = PbxOwnership.standbyOf(node);
    assertThat(node.ami()).isPresent();
    assertThat(standby.ami()).isEmpty();
    assertThat(standby.agiPort()).isEmpty();
    assertThat(standby.recordings()).isSameAs(node.recordings());
  }
}
