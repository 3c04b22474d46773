package cn.hotline12349.core.user;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Role;

public record User(long id, String username, String displayName, Role role, String orgCode) {
  public Actor actor() { return new Actor(id, username, role, orgCode); }
}
