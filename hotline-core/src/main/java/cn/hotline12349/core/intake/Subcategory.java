package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import java.util.Objects;

/** One configured sub-class of the intake taxonomy (config/taxonomy.yaml). */
public record Subcategory(String code, Category category, String nameZh, String nameEn,
                          Severity defaultSeverity, boolean resolvableAtIntake) {
  public Subcategory {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(nameZh, "nameZh");
    Objects.requireNonNull(defaultSeverity, "defaultSeverity");
  }
}
