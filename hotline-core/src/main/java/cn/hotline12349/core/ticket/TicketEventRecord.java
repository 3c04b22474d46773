package cn.hotline12349.core.ticket;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One row of a ticket's history. */
public record TicketEventRecord(
    int seq, String type, Instant at, String actor, String actorRole, String actorOrg, String fromStatus,
    String toStatus, String reason, JsonObject payload) {}
