package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaxonomyTest {
  private static Taxonomy parse(String yaml) {
    return TaxonomyLoader.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yaml");
  }

  private static String minimal(String violationSub) {
    StringBuilder b = new StringBuilder("categories:\n");
    for (Category c : Category.values()) {
      b.append("  - code: ").append(c).append("\n    zh: 类").append("\n    subcategories:\n");
      b.append(c == Category.VIOLATION ? violationSub
          : "      - { code: " + c + "_X, zh: 其他, severity: NORMAL, resolvableAtIntake: true }\n");
    }
    return b.toString();
  }

  @Test
  void theShippedTaxonomyHasTheFiveFixedClassesWithLabelsAndDefaults() {
    Taxonomy t = Taxonomy.loadFrom(ConfigDir.resolve());
    assertThat(t.categories()).extracting(TaxonomyCategory::code).containsExactly(Category.values());
    assertThat(t.category(Category.CONSULTATION).nameZh()).isEqualTo("政策法规咨询");
    assertThat(t.get("SEXUAL_ABUSE").defaultSeverity()).isEqualTo(Severity.EMERGENCY);
    assertThat(t.get("SUICIDE_SELF_HARM").defaultSeverity()).isEqualTo(Severity.EMERGENCY);
    assertThat(t.get("WELFARE_POLICY").resolvableAtIntake()).isTrue();
    assertThat(t.get("PHYSICAL_ABUSE").resolvableAtIntake()).isFalse();
    assertThat(t.get("NEGLECT").category()).isEqualTo(Category.VIOLATION);
    assertThat(t.allSubcategories()).allSatisfy(s -> assertThat(s.nameEn()).isNotBlank());
    for (Category c : Category.values()) assertThat(t.category(c).subcategories()).hasSizeGreaterThanOrEqualTo(4);
  }

  @Test
  void everySubClassTheRulesPointAtIsConfigured() {
    Taxonomy t = Taxonomy.loadFrom(ConfigDir.resolve());
    for (Rule r : Lexicon.RULES) {
      if (r.subcategory().startsWith("_")) continue;
      assertThat(t.find(r.subcategory())).as(r.subcategory()).isPresent();
      assertThat(t.get(r.subcategory()).category()).isEqualTo(Lexicon.DEFAULT_CATEGORY.get(r.subcategory()));
    }
  }

  @Test
  void anUnknownSeverityIsRejectedNamingTheEntry() {
    assertThatThrownBy(() -> parse(minimal("      - { code: HITTING, zh: 打, severity: URGENT }\n")))
        .isInstanceOf(TaxonomyException.class)
        .hasMessageContaining("HITTING")
        .hasMessageContaining("unknown value 'URGENT'")
        .hasMessageContaining("EMERGENCY");
  }

  @Test
  void otherMistakesAreRejectedToo() {
    assertThatThrownBy(() -> parse("categories:\n  - code: VIOLENCE\n    zh: x\n    subcategories: []\n"))
        .isInstanceOf(TaxonomyException.class).hasMessageContaining("VIOLENCE");
    assertThatThrownBy(() -> parse(minimal("      - { code: A, zh: 甲, severity: HIGH }\n      - { code: A, zh: 乙, severity: HIGH }\n")))
        .isInstanceOf(TaxonomyException.class).hasMessageContaining("appears twice");
    assertThatThrownBy(() -> parse(minimal("      - { code: A, severity: HIGH }\n")))
        .isInstanceOf(TaxonomyException.class).hasMessageContaining("missing 'zh'");
    assertThatThrownBy(() -> parse(minimal("      - { code: A, zh: 甲, severity: HIGH, resolvableAtIntake: maybe }\n")))
        .isInstanceOf(TaxonomyException.class).hasMessageContaining("resolvableAtIntake");
    String noReferral = minimal("      - { code: A, zh: 甲, severity: HIGH }\n").replaceAll("(?s)  - code: REFERRAL_OTHER.*", "");
    assertThatThrownBy(() -> parse(noReferral)).isInstanceOf(TaxonomyException.class).hasMessageContaining("REFERRAL_OTHER");
  }

  @Test
  void aValidStaffEditLoads() {
    Taxonomy t = parse(minimal("      - { code: PHYSICAL_ABUSE, zh: 身体虐待, en: Physical abuse, severity: HIGH }\n"));
    assertThat(t.get("PHYSICAL_ABUSE").defaultSeverity()).isEqualTo(Severity.HIGH);
    assertThat(t.fallback(Category.VIOLATION).code()).isEqualTo("PHYSICAL_ABUSE");
  }
}
