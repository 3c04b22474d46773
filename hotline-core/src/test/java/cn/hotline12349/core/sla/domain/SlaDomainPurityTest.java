package cn.hotline12349.core.sla.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SlaDomainPurityTest {
  @Test
  void theSlaDomainIsPlainJava() {
    noClasses().that().resideInAPackage("cn.hotline12349.core.sla.domain..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.asteriskjava..", "com.fasterxml..",
            "cn.hotline12349.core.ticket..", "cn.hotline12349.core.sla")
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cn.hotline12349.core.sla.domain"));
  }
}
