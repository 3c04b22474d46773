package cn.hotline12349.core.referral;

import cn.hotline12349.core.partner.PartnerKind;
import cn.hotline12349.core.referral.domain.ReferralStatus;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** A referral of a ticket to a partner agency, with its receipt and (for a mandatory report) the police feedback. */
public record Referral(long id, long ticketId, long partnerId, String partnerCode, String partnerName,
                       PartnerKind partnerKind, String partnerOrg, ReferralStatus status, String mandatoryRule,
                       String referredByOrg, String note, Instant sentAt, Instant acceptedAt, String receiptBy,
                       String receiptRef, Instant receiptAt, Instant feedbackAt, String feedbackNote, Instant closedAt,
                       Instant acceptanceDueAt, Instant feedbackDueAt) {
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("ticketId", ticketId).put("partnerId", partnerId)
        .put("partnerCode", partnerCode).put("partnerName", partnerName).put("partnerKind", partnerKind.name())
        .put("partnerOrg", partnerOrg).put("status", status.name()).put("mandatoryRule", mandatoryRule)
        .put("referredByOrg", referredByOrg).put("note", note).put("sentAt", t(sentAt)).put("acceptedAt", t(acceptedAt))
        .put("receiptBy", receiptBy).put("receiptRef", receiptRef).put("receiptAt", t(receiptAt))
        .put("feedbackAt", t(feedbackAt)).put("feedbackNote", feedbackNote).put("closedAt", t(closedAt))
        .put("acceptanceDueAt", t(acceptanceDueAt)).put("feedbackDueAt", t(feedbackDueAt));
  }

  private static String t(Instant i) { return i == null ? null : i.toString(); }
}
