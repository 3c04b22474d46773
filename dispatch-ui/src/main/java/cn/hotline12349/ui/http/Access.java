package cn.hotline12349.ui.http;

import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The API's one role check: a route says which roles may use it, anyone else gets 403 naming the rule. Scope (which
 * org units a user sees) is the domain's {@code AccessScope}; this is only "may this role call this route at all".
 */
final class Access {
  /** Operators and intake supervisors (the prefecture's 12349 desk). */
  static final Predicate<Role> INTAKE = Role::isIntake;

  private Access() {}

  static Predicate<Role> roles(Role first, Role... rest) {
    Set<Role> set = EnumSet.of(first, rest);
    return set::contains;
  }

  /** The request's user when their role may; a 403 problem with {@code rule} and {@code message} otherwise. */
  static Actor require(RoutingContext ctx, Predicate<Role> may, String rule, String message) {
    return require(Auth.actor(ctx), may, rule, message);
  }

  static Actor require(Actor actor, Predicate<Role> may, String rule, String message) {
    if (!may.test(actor.role())) throw new RuleViolationException(RuleViolation.forbidden(rule, message));
    return actor;
  }
}
