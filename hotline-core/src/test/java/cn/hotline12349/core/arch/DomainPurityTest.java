package cn.hotline12349.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain stays plain Java: no Vert.x, no Asterisk-Java, no SQL (docs/architecture.md). */
class DomainPurityTest {
  @Test
  void domainPackagesImportNoFrameworks() {
    noClasses().that().resideInAPackage("cn.hotline12349..domain..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.asteriskjava..", "java.sql..",
            "io.micrometer..")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.hotline12349"));
  }
}
