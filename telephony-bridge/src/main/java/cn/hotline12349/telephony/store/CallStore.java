package cn.hotline12349.telephony.store;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.telephony.domain.CallChange;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/** Persistence of calls, their timelines and callback attempts. Writes merge, so replays are harmless. */
public interface CallStore {
  /** Upserts the latest state of each call and appends new timeline entries, in one transaction. */
  Future<Void> write(List<CallChange> changes);

  /** Calls not yet ended (to rebuild the tracker after a restart). */
  Future<List<Call>> openCalls();

  Future<Void> callbackRequested(String callbackId, String linkedid, Long ticketId, String operatorUsername,
      String targetNumber, Instant at);

  Future<Void> callbackOutcome(String callbackId, boolean success, String detail, Instant at);
}
