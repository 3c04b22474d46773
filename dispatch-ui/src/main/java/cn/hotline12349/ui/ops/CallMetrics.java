package cn.hotline12349.ui.ops;

import cn.hotline12349.telephony.CallEvents;
import cn.hotline12349.telephony.ScreenPop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Call counts from the bridge's news ({@code hotline.call.changed}) as it is sent, so only on the node holding the PBX
 * and each call once in a cluster: offered (reached a queue), answered, abandoned; the answer time (queue wait until
 * answer) and how many were answered within 15 s (GB/T 33358's answer-rate yardstick); the screen-pop latency from
 * the answer reaching the bridge to the pop on the operator's address (the pop's {@link ScreenPop#LATENCY_HEADER}: the
 * call news now follows the write of the row, so it no longer marks the answer).
 */
public final class CallMetrics {
  public static final String CALLS = "hotline.calls";
  public static final String ANSWER_TIME = "hotline.calls.answer.time";
  public static final String ANSWERED_IN_15S = "hotline.calls.answered.within15s";
  public static final String SCREEN_POP = "hotline.screenpop.latency";
  private static final Duration TARGET = Duration.ofSeconds(15);
  private static final int REMEMBERED = 20_000;

  private final Counter offered;
  private final Counter answered;
  private final Counter abandoned;
  private final Counter within15s;
  private final Timer answerTime;
  private final Timer screenPop;
  /** Which milestones each recent call has been counted for (bits), oldest dropped first. */
  private final Map<String, Integer> seen = new LinkedHashMap<>(1024, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Integer> e) { return size() > REMEMBERED; }
  };

  private CallMetrics(MeterRegistry r) {
    offered = Counter.builder(CALLS).tag("outcome", "offered").description("calls that reached a queue").register(r);
    answered = Counter.builder(CALLS).tag("outcome", "answered").register(r);
    abandoned = Counter.builder(CALLS).tag("outcome", "abandoned").register(r);
    within15s = Counter.builder(ANSWERED_IN_15S).description("calls answered at most 15 s after queueing").register(r);
    answerTime = Timer.builder(ANSWER_TIME).description("queue wait until answer")
        .serviceLevelObjectives(Duration.ofSeconds(5), TARGET, Duration.ofSeconds(30), Duration.ofSeconds(60))
        .publishPercentiles(0.5, 0.9, 0.99).register(r);
    screenPop = Timer.builder(SCREEN_POP).description("answer seen by the bridge to screen-pop on the operator's address")
        .serviceLevelObjectives(Duration.ofMillis(20), Duration.ofMillis(100))
        .publishPercentiles(0.5, 0.99).register(r);
  }

  public static CallMetrics register(Vertx vertx, MeterRegistry registry) {
    CallMetrics m = new CallMetrics(registry);
    // Seen as this node sends them (only the PBX owner's bridge does): in order, and never from another node.
    vertx.eventBus().addOutboundInterceptor(dc -> {
      String a = dc.message().address();
      if (a != null && dc.body() instanceof JsonObject body) {
        if (a.equals(CallEvents.CHANGED)) m.changed(body);
        else if (a.startsWith(CallEvents.OPERATOR_UI_PREFIX)) m.popped(dc.message().headers().get(ScreenPop.LATENCY_HEADER));
      }
      dc.next();
    });
    return m;
  }

  private synchronized void changed(JsonObject call) {
    String id = call.getString("linkedid");
    if (id == null) return;
    int bits = seen.getOrDefault(id, 0);
    if ((bits & 1) == 0 && call.getString("queuedAt") != null) {
      bits |= 1;
      offered.increment();
    }
    if ((bits & 2) == 0 && call.getString("answeredAt") != null) {
      bits |= 2;
      answered.increment();
      Duration wait = waitOf(call);
      if (wait != null) {
        answerTime.record(wait);
        if (wait.compareTo(TARGET) <= 0) within15s.increment();
      }
    }
    if ((bits & 4) == 0 && call.getString("abandonedAt") != null) {
      bits |= 4;
      abandoned.increment();
    }
    seen.put(id, bits);
  }

  private void popped(String nanos) {
    if (nanos == null) return;
    try {
      screenPop.record(Duration.ofNanos(Long.parseLong(nanos)));
    } catch (NumberFormatException e) {
      // not a pop sent by the bridge
    }
  }

  private static Duration waitOf(JsonObject call) {
    Long ms = call.getLong("waitMillis");
    if (ms != null) return Duration.ofMillis(Math.max(0, ms));
    String q = call.getString("queuedAt");
    String a = call.getString("answeredAt");
    return q == null || a == null ? null : Duration.between(Instant.parse(q), Instant.parse(a));
  }
}
