package cn.hotline12349.core.sla;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.domain.Severity;
import cn.hotline12349.core.domain.TicketCommand;
import cn.hotline12349.core.sla.domain.BoardState;
import cn.hotline12349.core.sla.domain.ClockOutcome;
import cn.hotline12349.core.sla.domain.SlaStage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SlaBoardDbTest {
  private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

  private static long count(JsonObject board, String county, String stage, String state) {
    return board.getJsonArray("counts").stream().map(JsonObject.class::cast)
        .filter(c -> county.equals(c.getString("county")) && stage.equals(c.getString("stage"))
            && state.equals(c.getString("state")))
        .mapToLong(c -> c.getLong("count")).sum();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void countsByRegionStageAndStateWithOnTimeRatesScopedToTheOrg(Vertx vertx, VertxTestContext ctx) throws Exception {
    SlaFixture f = new SlaFixture(vertx, T0);
    SlaBoard board = new SlaBoard(f.pool, SlaFixture.ORGS, SlaFixture.CONFIG, f.clock);
    long a = f.dispatched(Severity.EMERGENCY).await().id();
    long b = f.dispatched(Severity.NORMAL).await().id();
    long c = f.dispatched(Severity.HIGH).await().id();
    f.act(f.operator, c, new TicketCommand.Transfer(SlaFixture.OTHER_COUNTY, "wrong area")).await();
    f.clock.advance(Duration.ofMinutes(25));
    f.act(f.handler, b, new TicketCommand.Claim()).await();
    f.act(f.operator, c, new TicketCommand.Suspend("waiting for hospital")).await();
    f.clock.advance(Duration.ofMinutes(10)); // A's claim (30m) is now overdue; its contact clock (2h) on time

    JsonObject prefecture = board.board(f.operator, null).await();
    assertThat(count(prefecture, SlaFixture.COUNTY, "CLAIM", "OVERDUE")).isEqualTo(1);
    assertThat(count(prefecture, SlaFixture.COUNTY, "FIRST_CONTACT", "ON_TIME")).isEqualTo(2);
    assertThat(count(prefecture, SlaFixture.COUNTY, "RESULT", "ON_TIME")).isEqualTo(1);
    assertThat(count(prefecture, SlaFixture.OTHER_COUNTY, "CLAIM", "PAUSED")).isEqualTo(1);
    assertThat(prefecture.getJsonObject("totals").getLong("PAUSED")).isEqualTo(2);
    JsonObject today = prefecture.getJsonObject("onTime").getJsonObject("today");
    assertThat(today.getLong("met")).as("3 dispatches and B's claim").isEqualTo(4);
    assertThat(today.getLong("overdue")).as("A's claim, overdue and still open, counts against the rate").isEqualTo(1);
    assertThat(today.getLong("total")).isEqualTo(5);
    assertThat(today.getDouble("rate")).isEqualTo(0.8);

    JsonObject county = board.board(f.handler, null).await();
    assertThat(county.getJsonObject("totals").getLong("PAUSED")).as("the other county's clocks are not ours").isZero();
    assertThat(county.getJsonObject("onTime").getJsonObject("month").getLong("total")).as("B's claim met, A's overdue")
        .isEqualTo(2);
    assertThat(board.board(f.handler, SlaFixture.PREFECTURE).toCompletionStage().toCompletableFuture()
        .handle((o, e) -> e).get()).hasMessageContaining("outside");
    assertThat(board.board(f.province, "630100").await().getJsonObject("totals").getLong("OVERDUE")).isEqualTo(1);

    List<TicketClock> clocks = board.clocks(a).await();
    TicketClock claim = clocks.stream().filter(k -> k.stage() == SlaStage.CLAIM).findFirst().orElseThrow();
    assertThat(claim.state()).isEqualTo(BoardState.OVERDUE);
    assertThat(claim.remaining()).isEqualTo(Duration.ofMinutes(-5));
    TicketClock dispatch = clocks.stream().filter(k -> k.stage() == SlaStage.DISPATCH).findFirst().orElseThrow();
    assertThat(dispatch.outcome()).isEqualTo(ClockOutcome.MET);
    assertThat(dispatch.toJson().getString("state")).isNull();
    ctx.completeNow();
  }
}
