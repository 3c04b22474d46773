package cn.hotline12349.telephony;

import cn.hotline12349.telephony.ami.AmiClient;
import cn.hotline12349.telephony.domain.PbxMapping;
import io.vertx.core.Future;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueRemoveAction;

/**
 * Operators joining, leaving and pausing in their queue. The operator's phone interface comes from
 * config/pbx-mapping.yaml; the resulting member state arrives back as QueueMember* events.
 */
public final class QueueControl {
  private final AmiClient ami;
  private final PbxMapping mapping;

  public QueueControl(AmiClient ami, PbxMapping mapping) {
    this.ami = ami;
    this.mapping = mapping;
  }

  /** @param orgCode the prefecture (or province) whose queue to join */
  public Future<Void> login(String username, String orgCode) {
    return iface(username).compose(i -> {
      QueueAddAction a = new QueueAddAction(mapping.queueOf(orgCode), i);
      a.setMemberName(username);
      a.setPenalty(0);
      a.setPaused(false);
      return ami.send(a).mapEmpty();
    });
  }

  public Future<Void> logout(String username, String orgCode) {
    return iface(username).compose(i -> ami.send(new QueueRemoveAction(mapping.queueOf(orgCode), i)).mapEmpty());
  }

  public Future<Void> pause(String username, String orgCode, boolean paused, String reason) {
    return iface(username).compose(i -> {
      QueuePauseAction a = new QueuePauseAction(i, mapping.queueOf(orgCode), paused);
      if (paused && reason != null && !reason.isBlank()) a.setReason(reason);
      return ami.send(a).mapEmpty();
    });
  }

  private Future<String> iface(String username) {
    return mapping.phoneOf(username)
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new CallRefused(CallRefused.Reason.NO_EXTENSION, "operator has no phone extension in pbx-mapping.yaml")));
  }
}
