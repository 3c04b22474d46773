package cn.hotline12349.core.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Actor;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Role;
import cn.hotline12349.core.domain.RuleViolation;
import cn.hotline12349.core.domain.RuleViolationException;
import cn.hotline12349.core.org.OrgUnitsCsv;
import cn.hotline12349.core.testing.TestDatabase;
import cn.hotline12349.core.testing.TestDb;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PartnerServiceDbTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());
  private final TestDb db = TestDatabase.create();
  private final Vertx vertx = Vertx.vertx();
  private final PartnerService partners = new PartnerService(db.pool(vertx), ORGS,
      Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC));

  @AfterEach
  void close() { vertx.close().await(); }

  @Test
  void theFileSeedsOnceAndUsersSeeThePartnersServingTheirUnit() throws Exception {
    List<PartnerEntry> file = PartnerDirectoryFile.load(ConfigDir.resolve(), ORGS);
    assertThat(partners.seed(file).await()).isEqualTo(file.size());
    assertThat(partners.seed(file).await()).isZero();
    Actor chengdong = db.insertUser("h1", Role.COUNTY_HANDLER, "630102");
    List<Partner> seen = partners.list(chengdong, null, null, false).await();
    long expected = file.stream().filter(e -> List.of("630102", "630100", "630000").contains(e.orgCode())).count();
    assertThat(seen).hasSize((int) expected);
    assertThat(seen).extracting(Partner::orgCode).doesNotContain("632801", "630103", "632800");
    assertThat(partners.list(chengdong, null, "police", false).await()).singleElement()
        .satisfies(p -> assertThat(p.code()).isEqualTo("QH-630100-POLICE"));
    assertViolation(() -> partners.list(chengdong, "630100", null, false).await(), RuleViolation.Kind.FORBIDDEN, null);
    assertViolation(() -> partners.list(chengdong, null, "wizard", false).await(), RuleViolation.Kind.INVALID, "kind");
    Actor prov = db.insertUser("p1", Role.PROVINCE_SUPERVISOR, "630000");
    assertThat(partners.list(prov, null, null, false).await()).hasSize(file.size());
  }

  @Test
  void onlyAnAdminAddsAndDisablesEntriesAndADisabledEntryIsNotListed() throws Exception {
    Actor admin = db.insertUser("a1", Role.ADMIN, "630000");
    Actor op = db.insertUser("o1", Role.OPERATOR, "630100");
    PartnerEntry school = new PartnerEntry("QH-630103-SCHOOL-9", PartnerKind.SCHOOL, "630103", "城中区某小学（演示）",
        List.of(new Partner.Channel("PHONE", "0971-0000-9999")), true);
    assertViolation(() -> partners.add(op, school).await(), RuleViolation.Kind.FORBIDDEN, null);
    Partner added = partners.add(admin, school).await();
    assertThat(added.source()).isEqualTo("ADMIN");
    assertThat(added.active()).isTrue();
    assertViolation(() -> partners.add(admin, school).await(), RuleViolation.Kind.CONFLICT, null);
    assertViolation(() -> partners.add(admin, new PartnerEntry("QH-BAD-1", PartnerKind.SCHOOL, "630103", "x", List.of(), false))
        .await(), RuleViolation.Kind.INVALID, "channels");
    assertThat(partners.list(op, null, "SCHOOL", false).await()).extracting(Partner::code).contains("QH-630103-SCHOOL-9");
    assertViolation(() -> partners.setActive(op, added.id(), false).await(), RuleViolation.Kind.FORBIDDEN, null);
    assertThat(partners.setActive(admin, added.id(), false).await().active()).isFalse();
    assertThat(partners.list(op, null, "SCHOOL", false).await()).extracting(Partner::code).doesNotContain("QH-630103-SCHOOL-9");
    assertThat(partners.list(admin, "630103", "SCHOOL", true).await()).extracting(Partner::code).contains("QH-630103-SCHOOL-9");
    assertThat(count("select count(*) from audit_log where action in ('partner-add', 'partner-disable')")).isEqualTo(2);
  }

  private long count(String sql) throws Exception {
    try (var c = db.jdbc(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void assertViolation(Runnable r, RuleViolation.Kind kind, String field) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(RuleViolationException.class, e -> {
      assertThat(e.violation().kind()).isEqualTo(kind);
      if (field != null) assertThat(e.violation().field()).isEqualTo(field);
    });
  }
}
