package cn.hotline12349.core.domain;

import java.util.Objects;

/** Who performs an action: the authenticated user, reduced to what rules need. */
public record Actor(long userId, String username, Role role, String orgCode) {
  public Actor {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(orgCode, "orgCode");
  }
}
