package cn.hotline12349.telephony;

import cn.hotline12349.telephony.domain.Call;
import cn.hotline12349.core.domain.PhoneNumber;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;

/** Event-bus / REST form of a call. */
public final class CallJson {
  private CallJson() {}

  public static JsonObject toJson(Call c, String operatorUsername) {
    return new JsonObject()
        .put("linkedid", c.linkedid())
        .put("direction", c.direction())
        .put("state", c.state().name())
        .put("callerNumber", c.callerNumber())
        .put("callerNumberNorm", c.callerNumber() == null ? null : PhoneNumber.normalize(c.callerNumber()))
        .put("dialled", c.dialled())
        .put("prefectureCode", c.prefecture()) // PushFilter scopes hotline.call.* by this field
        .put("queue", c.queue())
        .put("queuePosition", c.queuePosition())
        .put("priority", CallService.priority(c.priority()))
        .put("language", c.language())
        .put("danger", c.danger())
        .put("startedAt", str(c.startedAt()))
        .put("queuedAt", str(c.queuedAt()))
        .put("answeredAt", str(c.answeredAt()))
        .put("abandonedAt", str(c.abandonedTime()))
        .put("abandonStage", c.abandonStage())
        .put("unanswered", c.unanswered())
        .put("endedAt", str(c.endedAt()))
        .put("endCause", c.endCause())
        // ended while no node heard it, end time not known (yet): the CDR import fills endedAt when the PBX's row comes
        .put("endedDuringDisconnect", c.endedDuringDisconnect())
        .put("operatorInterface", c.operatorInterface())
        .put("operator", operatorUsername) // PushFilter lets the answering operator see their call
        .put("waitMillis", millis(c.waitTime()))
        .put("talkMillis", millis(c.talkTime()))
        .put("recording", c.recording())
        .put("held", c.onHold()) // the console's "on hold" (AMI Hold/Unhold); stored with the call
        .put("holdChangedAt", str(c.holdChangedAt()));
  }

  private static String str(Instant i) {
    return i == null ? null : i.toString();
  }

  private static Long millis(Duration d) {
    return d == null ? null : d.toMillis();
  }
}
