package cn.hotline12349.telephony.loopback;

import java.util.function.Consumer;

/** QueueAdd / QueueRemove / QueuePause as Asterisk 20 answers them, including the member events they cause. */
final class LoopbackQueueActions {
  interface Responder {
    void respond(String actionId, String response, String message);
  }

  private LoopbackQueueActions() {}

  static void handle(Responder r, Consumer<AmiMessage> emit, PbxModel model, String action, AmiMessage a) {
    String id = a.get("ActionID");
    String queue = a.get("Queue");
    String iface = a.get("Interface");
    PbxModel.Member existing = model.member(queue, iface);
    switch (action) {
      case "queueadd" -> {
        if (existing != null) {
          r.respond(id, "Error", "Unable to add interface: Already there");
          return;
        }
        String name = a.get("MemberName") == null ? iface : a.get("MemberName");
        boolean paused = "true".equalsIgnoreCase(a.get("Paused"));
        r.respond(id, "Success", "Added interface to queue");
        emit.accept(memberEvent("QueueMemberAdded", queue, name, iface, paused, ""));
      }
      case "queueremove" -> {
        if (existing == null) {
          r.respond(id, "Error", "Unable to remove interface: Not there");
          return;
        }
        r.respond(id, "Success", "Removed interface from queue");
        emit.accept(memberEvent("QueueMemberRemoved", queue, existing.name(), iface, false, ""));
      }
      default -> {
        if (existing == null) {
          r.respond(id, "Error", "Interface not found");
          return;
        }
        boolean paused = "true".equalsIgnoreCase(a.get("Paused"));
        String reason = a.get("Reason") == null ? "" : a.get("Reason");
        r.respond(id, "Success", paused ? "Interface paused successfully" : "Interface unpaused successfully");
        emit.accept(memberEvent("QueueMemberPause", queue, existing.name(), iface, paused, paused ? reason : ""));
      }
    }
  }

  private static AmiMessage memberEvent(String type, String queue, String name, String iface, boolean paused, String reason) {
    return AmiMessage.of("Event", type, "Privilege", "agent,all",
        "Timestamp", String.format("%.6f", System.currentTimeMillis() / 1000.0), "Queue", queue,
        "MemberName", name, "Interface", iface, "StateInterface", iface, "Membership", "dynamic", "Penalty", "0",
        "CallsTaken", "0", "LastCall", "0", "LastPause", "0", "LoginTime", "0", "InCall", "0", "Status", "1",
        "Paused", paused ? "1" : "0", "PausedReason", reason, "Ringinuse", "0", "Wrapuptime", "0");
  }
}
