package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.intake.PriorityScore.Vulnerability;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityScoreTest {
  private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
  private static final Vulnerability NONE = Vulnerability.NONE;
  private static final Vulnerability MOST = new Vulnerability(0, true, true);

  private static int score(Severity s, Vulnerability v, long waitedMinutes) {
    return PriorityScore.score(s, v, NOW.minus(Duration.ofMinutes(waitedMinutes)), NOW);
  }

  @Test
  void lifeFirstAHigherSeverityIsNeverOvertaken() {
    assertThat(score(Severity.EMERGENCY, NONE, 0)).isGreaterThan(score(Severity.HIGH, MOST, 100_000));
    assertThat(score(Severity.HIGH, NONE, 0)).isGreaterThan(score(Severity.NORMAL, MOST, 100_000));
    assertThat(score(Severity.NORMAL, NONE, 0)).isGreaterThan(score(Severity.CONSULT, MOST, 100_000));
  }

  @Test
  void vulnerableFirstWithinALevel() {
    assertThat(score(Severity.HIGH, new Vulnerability(4, false, false), 10))
        .isGreaterThan(score(Severity.HIGH, new Vulnerability(9, false, false), 10));
    assertThat(score(Severity.HIGH, new Vulnerability(0, false, false), 10))
        .isGreaterThan(score(Severity.HIGH, new Vulnerability(4, false, false), 10));
    assertThat(score(Severity.NORMAL, new Vulnerability(null, true, false), 0)).isGreaterThan(score(Severity.NORMAL, NONE, 0));
    assertThat(score(Severity.NORMAL, new Vulnerability(null, false, true), 0)).isGreaterThan(score(Severity.NORMAL, NONE, 0));
    assertThat(score(Severity.NORMAL, new Vulnerability(6, false, false), 0)).isEqualTo(score(Severity.NORMAL, NONE, 0));
  }

  @Test
  void urgentFirstWaitingRaisesTheOrderFasterForGraverCalls() {
    assertThat(score(Severity.NORMAL, NONE, 60)).isGreaterThan(score(Severity.NORMAL, NONE, 30));
    int emergencyGain = score(Severity.EMERGENCY, NONE, 10) - score(Severity.EMERGENCY, NONE, 0);
    int normalGain = score(Severity.NORMAL, NONE, 10) - score(Severity.NORMAL, NONE, 0);
    assertThat(emergencyGain).isGreaterThan(normalGain).isPositive();
    assertThat(score(Severity.NORMAL, NONE, -5)).isEqualTo(score(Severity.NORMAL, NONE, 0));
  }

  @Test
  void thePartsAreCappedAndExplained() {
    PriorityScore.Breakdown b = PriorityScore.explain(Severity.HIGH, MOST, NOW.minus(Duration.ofDays(3)), NOW);
    assertThat(b.vulnerabilityPart()).isEqualTo(PriorityScore.VULNERABILITY_CAP);
    assertThat(b.waitingPart()).isEqualTo(PriorityScore.WAITING_CAP);
    assertThat(b.total()).isEqualTo(b.severityPart() + b.vulnerabilityPart() + b.waitingPart()).isLessThan(3000);
    assertThat(b.why()).anySatisfy(w -> assertThat(w).contains("infant"));
  }

  @Test
  void aQueueSortsByScoreThenArrival() {
    record Item(String id, Severity s, Vulnerability v, Instant at) {}
    List<Item> items = new ArrayList<>(List.of(
        new Item("normal-old", Severity.NORMAL, NONE, NOW.minus(Duration.ofHours(2))),
        new Item("high-toddler", Severity.HIGH, new Vulnerability(2, false, false), NOW),
        new Item("high-teen", Severity.HIGH, new Vulnerability(15, false, false), NOW),
        new Item("emergency", Severity.EMERGENCY, NONE, NOW),
        new Item("normal-new", Severity.NORMAL, NONE, NOW)));
    items.sort(PriorityScore.order(Item::s, Item::v, Item::at, NOW));
    assertThat(items).extracting(Item::id)
        .containsExactly("emergency", "high-toddler", "high-teen", "normal-old", "normal-new");
  }
}
