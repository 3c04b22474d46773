package cn.hotline12349.core.user;

import java.time.Duration;

/** What a login try came to. Only {@link Success} carries anything about the account. */
public sealed interface LoginOutcome {
  record Success(UserService.LoginResult result) implements LoginOutcome {}

  record BadCredentials() implements LoginOutcome {}

  /** Too many failures lately from this address or for this account: try again after {@code retryAfter}. */
  record Throttled(Duration retryAfter) implements LoginOutcome {}

  /** Locked after {@link LoginThrottle#LOCK_AFTER} failures in a row, until an administrator unlocks it. */
  record Locked() implements LoginOutcome {}
}
