package cn.hotline12349.core.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.hotline12349.core.config.ConfigDir;
import cn.hotline12349.core.domain.OrgTree;
import cn.hotline12349.core.domain.Tier;
import cn.hotline12349.core.org.OrgUnitsCsv;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PartnerDirectoryFileTest {
  private static final OrgTree ORGS = OrgUnitsCsv.load(ConfigDir.resolve());

  @Test
  void theShippedDirectoryCoversEveryKindAndEveryPrefectureAndIsMarkedDemo() {
    List<PartnerEntry> all = PartnerDirectoryFile.load(ConfigDir.resolve(), ORGS);
    assertThat(all.stream().map(PartnerEntry::kind).collect(Collectors.toSet())).isEqualTo(EnumSet.allOf(PartnerKind.class));
    Set<String> prefecturesWithPolice = all.stream().filter(e -> e.kind() == PartnerKind.POLICE).map(PartnerEntry::orgCode)
        .collect(Collectors.toSet());
    assertThat(prefecturesWithPolice).containsExactlyInAnyOrderElementsOf(
        ORGS.ofTier(Tier.PREFECTURE).stream().map(u -> u.code()).toList());
    assertThat(all).allMatch(PartnerEntry::demo);
    assertThat(all).filteredOn(e -> e.kind().countyLevel()).allMatch(e -> ORGS.isCounty(e.orgCode()));
  }

  @Test
  void eachMistakeNamesTheEntryAndTheField() {
    assertProblem("- {code: QH-X, kind: SHERIFF, org: '630100', name: x, channels: [{type: PHONE, value: '1'}]}",
        "entry 1 (QH-X), field kind");
    assertProblem("- {code: QH-X, kind: POLICE, org: '999999', name: x, channels: [{type: PHONE, value: '1'}]}",
        "entry 1 (QH-X), field org: unknown org unit 999999");
    assertProblem("- {code: QH-X, kind: CHILD_DIRECTOR, org: '630100', name: x, channels: [{type: PHONE, value: '1'}]}",
        "entry 1 (QH-X), field org: a CHILD_DIRECTOR is recorded at the county");
    assertProblem("- {code: QH-X, kind: POLICE, org: '630100', name: x, channels: []}", "entry 1 (QH-X), field channels");
    assertProblem("- {code: QH-X, kind: POLICE, org: '630100', name: x, channels: [{type: PIGEON, value: '1'}]}",
        "entry 1 (QH-X), field channels[0].type");
    assertProblem("- {code: QH-X, kind: POLICE, org: '630100', name: x, phone: '1', channels: [{type: PHONE, value: '1'}]}",
        "entry 1 (QH-X), field phone: unknown field");
    assertProblem("""
        - {code: QH-X, kind: POLICE, org: '630100', name: x, channels: [{type: PHONE, value: '1'}]}
        - {code: QH-X, kind: POLICE, org: '630200', name: y, channels: [{type: PHONE, value: '2'}]}""",
        "entry 2 (QH-X), field code: QH-X is listed twice");
    assertProblem("- {code: qh x, kind: POLICE, org: '630100', name: x, channels: [{type: PHONE, value: '1'}]}",
        "entry 1 (qh x), field code");
  }

  private static void assertProblem(String entries, String expected) {
    String yaml = "partners:\n" + entries.lines().map(l -> "  " + l).collect(Collectors.joining("\n"));
    assertThatThrownBy(() -> PartnerDirectoryFile.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml), ORGS,
        "partners.yaml")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partners.yaml " + expected);
  }
}
