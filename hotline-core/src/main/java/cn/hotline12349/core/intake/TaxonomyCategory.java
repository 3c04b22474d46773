package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import java.util.List;

/** A fixed top-level class with its configured labels and sub-classes. */
public record TaxonomyCategory(Category code, String nameZh, String nameEn, List<Subcategory> subcategories) {
  public TaxonomyCategory {
    subcategories = List.copyOf(subcategories);
  }
}
