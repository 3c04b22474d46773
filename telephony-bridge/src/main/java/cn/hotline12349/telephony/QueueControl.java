package cn.hotline12349.telephony;

import cn.hotline12349.telephony.ami.AmiClient;
import cn.hotline12349.telephony.domain.PbxMapping;
import io.vertx.core.Future;
import org.asteriskjava.manager.action.QueueAddAction;
import org.asteriskjava.manager.action.QueuePauseAction;
import org.asteriskjava.manager.action.QueueRemoveAction;

/**
 * Operators joining, leaving and pausing in their queue. Idempotent: logging in twice (a second tab, a retried click,
 * persistentmembers after a PBX restart) leaves the operator logged in and available, logging out twice leaves them
 * out; Asterisk's "Already there" / "Not there" answers are successes here. The operator's phone interface comes from
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
      return ami.send(a).<Void>mapEmpty().recover(e -> answered(e, "Already there")
          ? ami.send(new QueuePauseAction(i, mapping.queueOf(orgCode), false)).mapEmpty() // logged in and available
          : Future.failedFuture(e));
    });
  }

  public Future<Void> logout(String username, String orgCode) {
    return iface(username).compose(i -> ami.send(new QueueRemoveAction(mapping.queueOf(orgCode), i)).<Void>mapEmpty()
        .recover(e -> answered(e, "Not there") ? Future.succeededFuture() : Future.failedFuture(e)));
  }

  public Future<Void> pause(String username, String orgCode, boolean paused, String reason) {
    return iface(username).compose(i -> {
      QueuePauseAction a = new QueuePauseAction(i, mapping.queueOf(orgCode), paused);
      if (paused && reason != null && !reason.isBlank()) a.setReason(reason);
      return ami.send(a).<Void>mapEmpty().recover(e -> answered(e, "not found")
          ? Future.failedFuture(new CallRefused(CallRefused.Reason.NOT_IN_QUEUE, "operator is not logged in to the queue"))
          : Future.failedFuture(e));
    });
  }

  private static boolean answered(Throwable e, String message) {
    return e instanceof AmiClient.AmiActionException && e.getMessage() != null
        && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains(message.toLowerCase(java.util.Locale.ROOT));
  }

  private Future<String> iface(String username) {
    return mapping.phoneOf(username)
        .map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new CallRefused(CallRefused.Reason.NO_EXTENSION, "operator has no phone extension in pbx-mapping.yaml")));
  }
}
