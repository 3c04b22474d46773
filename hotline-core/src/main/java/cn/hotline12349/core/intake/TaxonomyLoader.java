package cn.hotline12349.core.intake;

import cn.hotline12349.core.domain.Category;
import cn.hotline12349.core.domain.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads config/taxonomy.yaml into typed records, rejecting unknown codes with a message naming the entry. */
final class TaxonomyLoader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private TaxonomyLoader() {}

  static Taxonomy parse(InputStream in, String source) {
    JsonNode root;
    try {
      root = YAML.readTree(in);
    } catch (IOException e) {
      throw new TaxonomyException(source + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null || !root.path("categories").isArray()) {
      throw new TaxonomyException(source + ": expected a top-level 'categories' list");
    }
    List<TaxonomyCategory> out = new ArrayList<>();
    for (JsonNode c : root.get("categories")) {
      Category code = enumValue(Category.class, text(c, "code", source), source + ": category");
      String where = source + ": category " + code;
      List<Subcategory> subs = new ArrayList<>();
      for (JsonNode s : c.path("subcategories")) {
        String subCode = text(s, "code", where);
        String subWhere = where + " sub-class " + subCode;
        if (!subCode.matches("[A-Z][A-Z0-9_]*")) throw new TaxonomyException(subWhere + ": code must be UPPER_SNAKE");
        Severity sev = enumValue(Severity.class, text(s, "severity", subWhere), subWhere + ": severity");
        JsonNode res = s.get("resolvableAtIntake");
        if (res != null && !res.isBoolean()) throw new TaxonomyException(subWhere + ": resolvableAtIntake must be true or false");
        subs.add(new Subcategory(subCode, code, text(s, "zh", subWhere), optional(s, "en"), sev,
            res != null && res.booleanValue()));
      }
      out.add(new TaxonomyCategory(code, text(c, "zh", where), optional(c, "en"), subs));
    }
    return new Taxonomy(out);
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) throw new TaxonomyException(where + ": missing '" + field + "'");
    return v.asText().trim();
  }

  private static String optional(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText().trim();
  }

  private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw new TaxonomyException(where + ": unknown value '" + value + "', expected one of "
          + Arrays.toString(type.getEnumConstants()));
    }
  }
}
