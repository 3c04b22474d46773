package cn.hotline12349.ui.push;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.org.OrgUnitsCsv;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushFilterTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private final PushFilter filter = new PushFilter(ORGS);

  private static final Actor PROV = new Actor(1, "prov", Role.PROVINCE_SUPERVISOR, "630000");
  private static final Actor OP_XINING = new Actor(2, "op-xining", Role.OPERATOR, "630100");
  private static final Actor H_CHENGDONG = new Actor(4, "h-chengdong", Role.COUNTY_HANDLER, "630102");
  private static final Actor H_YUSHU = new Actor(5, "h-yushu", Role.COUNTY_HANDLER, "632701");

  private static JsonObject ticket(String intakeOrg, String county) {
    return new JsonObject().put("ticketId", 7).put("intakeOrg", intakeOrg).put("countyCode", county);
  }

  @Test
  void ticketChangesReachOnlyTheScopeOfTheTicket() {
    JsonObject chengdong = ticket("630100", "630102");
    assertThat(filter.view(PROV, "hotline.ticket.changed", chengdong)).isPresent();
    assertThat(filter.view(OP_XINING, "hotline.ticket.changed", chengdong)).isPresent();
    assertThat(filter.view(H_CHENGDONG, "hotline.ticket.changed", chengdong)).isPresent();
    assertThat(filter.view(H_YUSHU, "hotline.ticket.changed", chengdong)).isEmpty();
  }

  @Test
  void aTransferIsNewsForTheCountyTheTicketLeft() {
    JsonObject moved = ticket("630100", "630103").put("fromCountyCode", "630102");
    assertThat(filter.view(H_CHENGDONG, "hotline.ticket.changed", moved)).isPresent();
    assertThat(filter.view(H_YUSHU, "hotline.ticket.changed", moved)).isEmpty();
    assertThat(filter.view(H_CHENGDONG, "hotline.ticket.changed", ticket("630100", "630103"))).isEmpty();
  }

  @Test
  void undispatchedTicketIsInvisibleToCounties() {
    JsonObject fresh = ticket("630100", null);
    assertThat(filter.view(OP_XINING, "hotline.ticket.changed", fresh)).isPresent();
    assertThat(filter.view(H_CHENGDONG, "hotline.ticket.changed", fresh)).isEmpty();
  }

  @Test
  void operatorScreenPopGoesToThatOperatorOnly() {
    JsonObject pop = new JsonObject().put("callerNumber", "13800000000");
    assertThat(filter.view(OP_XINING, "hotline.ui.operator.op-xining", pop)).contains(pop);
    assertThat(filter.view(PROV, "hotline.ui.operator.op-xining", pop)).isEmpty();
    assertThat(filter.view(OP_XINING, "hotline.ui.operator.op-xining2", pop)).isEmpty();
  }

  @Test
  void callEventsFollowThePrefectureAndCarryNumbersMaskedForEveryRole() {
    JsonObject abandoned = new JsonObject().put("prefectureCode", "630100").put("callerNumber", "13812345678")
        .put("callerNumberNorm", "13812345678").put("operator", "op-xining");
    for (Actor user : List.of(OP_XINING, PROV)) {
      JsonObject seen = filter.view(user, "hotline.call.abandoned", abandoned).orElseThrow();
      assertThat(seen.getString("callerNumber")).as(user.username()).isEqualTo("138****5678");
      assertThat(seen.containsKey("callerNumberNorm")).isFalse();
    }
    assertThat(abandoned.getString("callerNumber")).as("the bus message itself is untouched").isEqualTo("13812345678");
    assertThat(filter.view(H_CHENGDONG, "hotline.call.abandoned", abandoned)).isEmpty();
  }

  @Test
  void slaEventsWithoutOrgGoToTheProvinceOnly() {
    JsonObject bare = new JsonObject().put("stage", "CLAIM");
    assertThat(filter.view(PROV, "hotline.sla.escalated", bare)).isPresent();
    assertThat(filter.view(OP_XINING, "hotline.sla.escalated", bare)).isEmpty();
    JsonObject scoped = ticket("630100", "632701").put("stage", "CLAIM");
    assertThat(filter.view(H_YUSHU, "hotline.sla.warned", scoped)).isPresent();
    assertThat(filter.view(H_CHENGDONG, "hotline.sla.warned", scoped)).isEmpty();
  }

  @Test
  void otherAddressesAreNeverForwarded() {
    assertThat(filter.view(PROV, "hotline.ticket.claimed", ticket("630100", "630102"))).isEmpty();
    assertThat(filter.view(PROV, "hotline.internal.secret", new JsonObject())).isEmpty();
  }
}
