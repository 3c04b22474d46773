package cn.hotline12349.telephony.ami;

import cn.hotline12349.telephony.domain.AgentSignal;
import cn.hotline12349.telephony.domain.CallSignal;

/** Where the reader-thread listener hands mapped events. Implementations must not block. */
public interface AmiSink {
  void call(CallSignal signal);

  void agent(AgentSignal signal);

  /** Logged in (first time or after a reconnect): time to resynchronize. */
  void connected();

  void disconnected();

  void originateResult(String actionId, boolean success, Integer reason, String uniqueId);
}
