package cn.hotline12349.core.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Matches place text to the 45 counties and 8 prefectures of config/gazetteer.csv. Immutable, thread-safe. */
public final class Gazetteer {
  public static final String FILE_NAME = "gazetteer.csv";
  private static final String PROVINCE = "630000";
  private static final Pattern PLACE_WORD_AFTER = Pattern.compile("^(那边|这边|那里|这里|一带|附近|地区|街道|镇|乡|那块|这块)");
  private static final Pattern CHILD_CUE = Pattern.compile("(孩子|娃|他家|她家|家住|住在|老家|小孩|学生|学校|村)" + ViolationRules.G + "{0,6}$");
  private static final Pattern CALLER_CUE = Pattern.compile("(我在|我是|我们是|我这边|我现在在|人在)" + ViolationRules.G + "{0,3}$");

  /** One configured place. */
  public record Place(String code, String nameZh, String parentCode, List<String> names, List<String> notFollowedBy) {
    public boolean isPrefecture() { return PROVINCE.equals(parentCode); }
  }

  private record Name(String text, Place place, boolean ambiguous) {}

  private record Hit(Place place, int start, int end, String name) {}

  private final Map<String, Place> places;
  private final List<Name> names;

  public Gazetteer(List<Place> list) {
    Map<String, Place> map = new LinkedHashMap<>();
    List<Name> all = new ArrayList<>();
    for (Place p : list) {
      if (map.put(p.code(), p) != null) throw new IllegalArgumentException("gazetteer: code " + p.code() + " twice");
      all.add(new Name(p.nameZh(), p, false));
      for (String n : p.names()) {
        boolean amb = n.startsWith("~");
        all.add(new Name(amb ? n.substring(1) : n, p, amb));
      }
    }
    for (Place p : map.values()) {
      if (!p.isPrefecture() && !map.containsKey(p.parentCode())) {
        throw new IllegalArgumentException("gazetteer: " + p.code() + " has unknown parent " + p.parentCode());
      }
    }
    all.sort(Comparator.comparingInt((Name n) -> n.text().length()).reversed());
    this.places = map;
    this.names = List.copyOf(all);
  }

  public static Gazetteer loadFrom(Path configDir) { return load(configDir.resolve(FILE_NAME)); }

  public static Gazetteer load(Path csv) {
    List<Place> list = new ArrayList<>();
    try {
      boolean header = true;
      for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
        if (line.isBlank() || line.startsWith("#")) continue;
        if (header) { header = false; continue; }
        String[] f = line.split(",", -1);
        if (f.length != 5) throw new IllegalArgumentException(csv + ": expected 5 columns: " + line);
        list.add(new Place(f[0].trim(), f[1].trim(), f[2].trim(), split(f[3]), split(f[4])));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + csv, e);
    }
    return new Gazetteer(list);
  }

  private static List<String> split(String s) {
    return s.isBlank() ? List.of() : List.of(s.trim().split("\\|"));
  }

  public Optional<Place> place(String code) { return Optional.ofNullable(code == null ? null : places.get(code)); }

  public List<Place> places() { return List.copyOf(places.values()); }

  public List<String> countiesOf(String prefectureCode) {
    return places.values().stream().filter(p -> prefectureCode.equals(p.parentCode())).map(Place::code).toList();
  }

  public boolean isCounty(String code) { return place(code).map(p -> !p.isPrefecture()).orElse(false); }

  /**
   * Matches free text. {@code addressField} is true when the text is the address the operator typed: ambiguous
   * short names then count on their own; in notes they need their prefecture or a place word next to them.
   */
  public CountyMatch match(String rawText, boolean addressField) {
    if (rawText == null || rawText.isBlank()) return CountyMatch.NONE;
    String text = rawText.replaceAll("\\s+", "");
    List<Hit> hits = find(text, addressField);
    if (hits.isEmpty()) return CountyMatch.NONE;
    Set<String> counties = new LinkedHashSet<>();
    Set<String> prefectures = new LinkedHashSet<>();
    for (Hit h : hits) (h.place().isPrefecture() ? prefectures : counties).add(h.place().code());
    for (String c : counties) prefectures.remove(places.get(c).parentCode());
    List<String> matched = hits.stream().sorted(Comparator.comparingInt(Hit::start)).map(Hit::name).distinct().toList();
    if (counties.size() == 1 && prefectures.isEmpty()) {
      String c = counties.iterator().next();
      return new CountyMatch(c, places.get(c).parentCode(), false, List.of(), matched);
    }
    if (!counties.isEmpty()) {
      Hit best = childSide(hits, text);
      if (best != null) return new CountyMatch(best.place().code(), best.place().parentCode(), false, List.of(), matched);
      if (prefectures.isEmpty()) return new CountyMatch(null, null, true, List.copyOf(counties), matched);
    }
    List<String> candidates = new ArrayList<>(counties);
    for (String p : prefectures) candidates.addAll(countiesOf(p));
    String pref = prefectures.size() == 1 && counties.isEmpty() ? prefectures.iterator().next() : null;
    return new CountyMatch(null, pref, true, candidates.stream().distinct().toList(), matched);
  }

  /** With several counties named, the one the text places the child in (孩子在..., 家住...) rather than the caller. */
  private Hit childSide(List<Hit> hits, String text) {
    Hit best = null;
    int bestScore = Integer.MIN_VALUE;
    boolean tie = false;
    for (Hit h : hits) {
      if (h.place().isPrefecture()) continue;
      String before = text.substring(Math.max(0, h.start() - 8), h.start());
      int score = (CHILD_CUE.matcher(before).find() ? 1 : 0) - (CALLER_CUE.matcher(before).find() ? 1 : 0);
      if (best != null && best.place() == h.place()) continue;
      if (score > bestScore) { best = h; bestScore = score; tie = false; } else if (score == bestScore) tie = true;
    }
    return tie || bestScore <= 0 ? null : best;
  }

  private List<Hit> find(String text, boolean addressField) {
    boolean[] taken = new boolean[text.length()];
    List<Hit> hits = new ArrayList<>();
    for (Name n : names) {
      for (int at = text.indexOf(n.text()); at >= 0; at = text.indexOf(n.text(), at + 1)) {
        int end = at + n.text().length();
        if (overlaps(taken, at, end) || excluded(n.place(), text.substring(end))) continue;
        if (n.ambiguous() && !addressField && !inContext(n.place(), text, at, end)) continue;
        for (int i = at; i < end; i++) taken[i] = true;
        hits.add(new Hit(n.place(), at, end, n.text()));
      }
    }
    return hits;
  }

  private static boolean overlaps(boolean[] taken, int from, int to) {
    for (int i = from; i < to; i++) if (taken[i]) return true;
    return false;
  }

  private static boolean excluded(Place p, String after) {
    return p.notFollowedBy().stream().anyMatch(after::startsWith);
  }

  private boolean inContext(Place p, String text, int start, int end) {
    if (PLACE_WORD_AFTER.matcher(text.substring(end)).find()) return true;
    Place parent = places.get(p.parentCode());
    if (parent == null) return text.contains("青海");
    if (text.contains(parent.nameZh())) return true;
    return parent.names().stream().map(n -> n.startsWith("~") ? n.substring(1) : n).anyMatch(text::contains);
  }
}
