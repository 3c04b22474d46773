package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The intake taxonomy: the five fixed classes and their configured sub-classes. Immutable. */
public final class Taxonomy {
  public static final String FILE_NAME = "taxonomy.yaml";

  private final Map<Category, TaxonomyCategory> categories;
  private final Map<String, Subcategory> subcategories;

  public Taxonomy(List<TaxonomyCategory> list) {
    Map<Category, TaxonomyCategory> cats = new EnumMap<>(Category.class);
    Map<String, Subcategory> subs = new LinkedHashMap<>();
    for (TaxonomyCategory c : list) {
      if (cats.put(c.code(), c) != null) throw new TaxonomyException("category " + c.code() + " appears twice");
      if (c.subcategories().isEmpty()) throw new TaxonomyException("category " + c.code() + " has no sub-classes");
      for (Subcategory s : c.subcategories()) {
        if (s.category() != c.code()) throw new TaxonomyException("sub-class " + s.code() + " filed under wrong category");
        if (subs.put(s.code(), s) != null) throw new TaxonomyException("sub-class code " + s.code() + " appears twice");
      }
    }
    for (Category c : Category.values()) {
      if (!cats.containsKey(c)) throw new TaxonomyException("category " + c + " is missing");
    }
    this.categories = Collections.unmodifiableMap(cats);
    this.subcategories = Collections.unmodifiableMap(subs);
  }

  public static Taxonomy load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return TaxonomyLoader.parse(in, file.toString());
    } catch (IOException e) {
      throw new TaxonomyException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  public static Taxonomy loadFrom(Path configDir) { return load(configDir.resolve(FILE_NAME)); }

  public TaxonomyCategory category(Category code) { return categories.get(code); }

  public List<TaxonomyCategory> categories() { return new ArrayList<>(categories.values()); }

  public Optional<Subcategory> find(String subCode) { return Optional.ofNullable(subcategories.get(subCode)); }

  public Subcategory get(String subCode) {
    return find(subCode).orElseThrow(() -> new TaxonomyException("unknown sub-class " + subCode));
  }

  public List<Subcategory> allSubcategories() { return List.copyOf(subcategories.values()); }

  /** The sub-class to use when the rules found nothing specific inside a category: its last one ("other"). */
  public Subcategory fallback(Category c) {
    List<Subcategory> subs = categories.get(c).subcategories();
    return subs.get(subs.size() - 1);
  }
}
