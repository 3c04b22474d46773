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

  /**
   * Calls a reconciliation closed as ended while the link was down, end time still unknown, last written since
   * {@code since} (at most {@code limit}): the CDR import looks for their real end.
   */
  default Future<List<Call>> endedAtUnknown(Instant since, int limit) {
    return Future.succeededFuture(List.of());
  }

  Future<Void> callbackRequested(String callbackId, String linkedid, Long ticketId, String operatorUsername,
      String targetNumber, Instant at);

  /** The operator's phone answered the Originate; the called party's leg is still to come. */
  Future<Void> callbackOperatorAnswered(String callbackId, Instant at);

  /**
   * The final outcome of an attempt. {@code done}: the called party answered and talked; otherwise the call stays on the
   * pending list with this attempt's status. Completes with the attempt as stored (null when unknown).
   */
  Future<Attempt> callbackOutcome(String callbackId, String status, boolean done, String detail, Integer talkSeconds,
      Instant at);

  /** A stored callback attempt, as listeners need it. */
  record Attempt(String callbackId, String linkedid, Long ticketId, String operatorUsername) {}
}
