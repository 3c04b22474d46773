package cn.hotline12349.telephony.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The telephony domain stays plain Java, and nothing on Asterisk-Java's side touches the database. */
class TelephonyArchitectureTest {
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("cn.hotline12349.telephony");

  @Test
  void domainImportsNoFramework() {
    noClasses().that().resideInAPackage("cn.hotline12349.telephony.domain..")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "org.asteriskjava..", "java.sql..",
            "com.fasterxml..")
        .check(CLASSES);
  }

  @Test
  void theAmiListenerNeitherBlocksOnVertxNorTouchesTheDatabase() {
    noClasses().that().haveFullyQualifiedName("cn.hotline12349.telephony.ami.AmiEventMapper")
        .should().dependOnClassesThat().resideInAnyPackage("io.vertx..", "java.sql..", "cn.hotline12349.telephony.store..")
        .check(CLASSES);
  }
}
