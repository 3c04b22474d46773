package cn.hotline12349.core.user;

import java.time.Instant;

/** An authenticated session; the token itself is only ever held by the client. */
public record Session(User user, String csrfToken, Instant expiresAt) {}
