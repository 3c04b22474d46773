package cn.hotline12349.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import cn.hotline12349.core.config.ConfigDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GazetteerTest {
  /** The short name a caller would say for every county, written here independently of the CSV. */
  private static final Map<String, String> SHORT = new TreeMap<>(Map.ofEntries(
      Map.entry("630102", "城东"), Map.entry("630103", "城中"), Map.entry("630104", "城西"), Map.entry("630105", "城北"),
      Map.entry("630106", "湟中"), Map.entry("630121", "大通"), Map.entry("630123", "湟源"),
      Map.entry("630202", "乐都"), Map.entry("630203", "平安"), Map.entry("630222", "民和"), Map.entry("630223", "互助"),
      Map.entry("630224", "化隆"), Map.entry("630225", "循化"),
      Map.entry("632221", "门源"), Map.entry("632222", "祁连"), Map.entry("632223", "海晏"), Map.entry("632224", "刚察"),
      Map.entry("632301", "同仁"), Map.entry("632322", "尖扎"), Map.entry("632323", "泽库"), Map.entry("632324", "河南县"),
      Map.entry("632521", "共和"), Map.entry("632522", "同德"), Map.entry("632523", "贵德"), Map.entry("632524", "兴海"),
      Map.entry("632525", "贵南"),
      Map.entry("632621", "玛沁"), Map.entry("632622", "班玛"), Map.entry("632623", "甘德"), Map.entry("632624", "达日"),
      Map.entry("632625", "久治"), Map.entry("632626", "玛多"),
      Map.entry("632701", "玉树市"), Map.entry("632722", "杂多"), Map.entry("632723", "称多"), Map.entry("632724", "治多"),
      Map.entry("632725", "囊谦"), Map.entry("632726", "曲麻莱"),
      Map.entry("632801", "格尔木"), Map.entry("632802", "德令哈"), Map.entry("632803", "茫崖"), Map.entry("632821", "乌兰"),
      Map.entry("632822", "都兰"), Map.entry("632823", "天峻"), Map.entry("632857", "大柴旦")));

  private static Gazetteer gazetteer;
  private static Map<String, String[]> orgUnits;

  @BeforeAll
  static void load() throws IOException {
    gazetteer = Gazetteer.loadFrom(ConfigDir.resolve());
    orgUnits = new TreeMap<>();
    List<String> lines = Files.readAllLines(ConfigDir.resolve().resolve("org-units.csv"), StandardCharsets.UTF_8);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (!f[3].equals("PROVINCE")) orgUnits.put(f[0], f);
    }
  }

  @Test
  void theGazetteerHasExactlyTheCountiesAndPrefecturesOfTheOrgTree() {
    assertThat(orgUnits).hasSize(53);
    assertThat(gazetteer.places()).hasSize(53);
    for (String[] u : orgUnits.values()) {
      Gazetteer.Place p = gazetteer.place(u[0]).orElseThrow();
      assertThat(p.nameZh()).isEqualTo(u[1]);
      assertThat(p.parentCode()).isEqualTo(u[4]);
      assertThat(p.isPrefecture()).isEqualTo(u[3].equals("PREFECTURE"));
    }
    assertThat(SHORT.keySet()).isEqualTo(orgUnits.entrySet().stream()
        .filter(e -> e.getValue()[3].equals("COUNTY")).map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void everyCountyRoutesByItsFullNameInNotesAndInTheAddressField() {
    for (String[] u : orgUnits.values()) {
      if (!u[3].equals("COUNTY")) continue;
      assertThat(gazetteer.match("孩子家在" + u[1] + "一个村里", false).countyCode()).as(u[1]).isEqualTo(u[0]);
      assertThat(gazetteer.match("青海省" + u[1] + "某某路12号", true).countyCode()).as(u[1]).isEqualTo(u[0]);
    }
  }

  @Test
  void everyCountyRoutesByItsShortName() {
    SHORT.forEach((code, name) -> {
      assertThat(gazetteer.match(name, true).countyCode()).as("address " + name).isEqualTo(code);
      String prefecture = gazetteer.place(gazetteer.place(code).orElseThrow().parentCode()).orElseThrow().nameZh();
      assertThat(gazetteer.match("娃娃在" + name + "那边，" + prefecture + "的", false).countyCode())
          .as("notes " + name).isEqualTo(code);
    });
  }

  @Test
  void unambiguousShortNamesWorkInNotesWithoutAnyContext() {
    assertThat(gazetteer.match("大通的一个尕娃天天挨打", false).countyCode()).isEqualTo("630121");
    assertThat(gazetteer.match("格尔木有个孩子没人管", false).countyCode()).isEqualTo("632801");
    assertThat(gazetteer.match("我们循化那边", false).countyCode()).isEqualTo("630225");
    assertThat(gazetteer.match("结古镇上的孩子", false).countyCode()).isEqualTo("632701");
  }

  @ParameterizedTest
  @CsvSource({
      "孩子说话是河南口音，河南省来的",
      "这个病久治不愈",
      "住在城中村里",
      "希望孩子平安无事",
      "大家互助一下",
      "中华人民共和国未成年人保护法",
      "在大通河边上玩",
      "去海南岛打工了",
      "乌兰察布的亲戚",
      "他们都是同仁医院的医生"})
  void ordinaryWordsAndOtherProvincesAreNotPlaces(String notes) {
    assertThat(gazetteer.match(notes, false).found()).as(notes).isFalse();
  }

  @Test
  void ambiguousShortNamesNeedContextInNotes() {
    assertThat(gazetteer.match("平安那边有个娃娃", false).countyCode()).isEqualTo("630203");
    assertThat(gazetteer.match("海东平安的", false).countyCode()).isEqualTo("630203");
    assertThat(gazetteer.match("共和那边一个孩子", false).countyCode()).isEqualTo("632521");
    assertThat(gazetteer.match("孩子要平安", false).found()).isFalse();
  }

  @Test
  void aPrefectureAloneAsksTheOperatorToChooseAmongItsCounties() {
    CountyMatch m = gazetteer.match("果洛那边有个孩子走丢了", false);
    assertThat(m.countyCode()).isNull();
    assertThat(m.needsChoice()).isTrue();
    assertThat(m.prefectureCode()).isEqualTo("632600");
    assertThat(m.candidates()).containsExactly("632621", "632622", "632623", "632624", "632625", "632626");
    assertThat(gazetteer.match("西宁市", true).candidates()).hasSize(7);
    assertThat(gazetteer.match("玉树", true).candidates()).hasSize(6).contains("632701");
  }

  @Test
  void aCountyInsideItsPrefectureIsOneAnswer() {
    CountyMatch m = gazetteer.match("青海省西宁市城东区建国路", true);
    assertThat(m.countyCode()).isEqualTo("630102");
    assertThat(m.needsChoice()).isFalse();
    assertThat(m.prefectureCode()).isEqualTo("630100");
  }

  @Test
  void aCallerInOnePlaceReportingAChildInAnotherRoutesToTheChild() {
    assertThat(gazetteer.match("我在格尔木打工，孩子在化隆老家跟着奶奶", false).countyCode()).isEqualTo("630224");
    CountyMatch unclear = gazetteer.match("格尔木和德令哈都去过", false);
    assertThat(unclear.needsChoice()).isTrue();
    assertThat(unclear.candidates()).containsExactlyInAnyOrder("632801", "632802");
  }
}
