package cn.hotline12349.core.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketStatus;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TicketEventsJsonTest {
  private static final Actor SUP = new Actor(3, "sup-xining", Role.INTAKE_SUPERVISOR, "630100");

  @Test
  void aTransferNamesTheCountyTheTicketLeft() {
    var moved = new TicketTransition(7, "TRANSFERRED", TicketStatus.CLAIMED, TicketStatus.DISPATCHED, Instant.EPOCH, SUP,
        Severity.HIGH, "630100", "630103", 4, "wrong county", Map.of("fromCounty", "630102", "toCounty", "630103"));
    assertThat(TicketEvents.toJson(moved).getString("fromCountyCode")).isEqualTo("630102");
    assertThat(TicketEvents.toJson(moved).getString("countyCode")).isEqualTo("630103");
  }

  @Test
  void otherChangesCarryNoFromCounty() {
    var claimed = new TicketTransition(7, "CLAIMED", TicketStatus.DISPATCHED, TicketStatus.CLAIMED, Instant.EPOCH, SUP,
        Severity.HIGH, "630100", "630102", 3, null, Map.of());
    assertThat(TicketEvents.toJson(claimed).containsKey("fromCountyCode")).isFalse();
  }
}
