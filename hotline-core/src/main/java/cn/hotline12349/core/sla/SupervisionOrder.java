package cn.hotline12349.core.sla;

import java.time.Instant;

/** A supervision order (督办): the tier above tells a unit below to finish by a deadline. */
public record SupervisionOrder(long id, long ticketId, String issuedByOrg, String targetOrg, String reason,
                               String duration, Instant issuedAt, Instant dueAt, String status, Instant closedAt) {
  public enum Status { OPEN, FULFILLED, CANCELLED }
}
