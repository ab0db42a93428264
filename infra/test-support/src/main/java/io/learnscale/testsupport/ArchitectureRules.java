package io.learnscale.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The package rules every learnscale app keeps (STYLE.md: package by feature). */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** Feature packages may use each other, but never in a cycle. */
    public static void featuresAreFreeOfCycles(String rootPackage) {
        slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles().check(mainClasses(rootPackage));
    }

    /** No layer packages ({@code controller}, {@code service}, ...): the folders name features. */
    public static void noLayerPackages(String rootPackage) {
        noClasses()
                .should()
                .resideInAnyPackage(
                        rootPackage + ".controller..",
                        rootPackage + ".service..",
                        rootPackage + ".repository..",
                        rootPackage + ".model..")
                .allowEmptyShould(true)
                .check(mainClasses(rootPackage));
    }

    /** Constructor injection only. */
    public static void noFieldInjection(String rootPackage) {
        noFields()
                .should()
                .beAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .allowEmptyShould(true)
                .check(mainClasses(rootPackage));
    }

    /** Every rule above. */
    public static void checkAll(String rootPackage) {
        featuresAreFreeOfCycles(rootPackage);
        noLayerPackages(rootPackage);
        noFieldInjection(rootPackage);
    }
}
