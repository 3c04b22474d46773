package cn.hotline12349.core.attachment;

import java.time.Instant;

/** What is known of one attached file, without its bytes. */
public record Attachment(long id, long ticketId, String filename, String contentType, int size, String sha256,
    String uploadedBy, Instant uploadedAt) {}
