package io.flashorder.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The package rules of the README's "Architecture" section, checked on the compiled main classes: no cycle between
 * the top-level packages under {@code io.flashorder}, {@code platform} at the bottom, {@code webhooks} at the top,
 * and no package with more than {@value #MAX_FILES_PER_PACKAGE} Java files at one level (it gets sub-packages by
 * sub-domain instead).
 */
class ArchitectureTest {

    static final int MAX_FILES_PER_PACKAGE = 30;
    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.flashorder");
    }

    @Test
    void topLevelPackagesHaveNoCycle() {
        assertThat(main).isNotEmpty();
        topLevelPackagesFreeOfCycles("io.flashorder.(*)..").check(main);
    }

    @Test
    void theCycleRuleFindsACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("io.flashorder.architecture.cyclic");
        assertThat(cyclic).hasSize(2);
        assertThatThrownBy(() -> topLevelPackagesFreeOfCycles("io.flashorder.architecture.cyclic.(*)..").check(cyclic))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("left")
                .hasMessageContaining("right");
    }

    @Test
    void platformDependsOnNoFeature() {
        noClasses().that().resideInAPackage("io.flashorder.platform..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.flashorder.platform..", "java..", "javax..",
                        "jakarta..", "io.quarkus..", "io.smallrye..", "io.vertx..", "io.netty..", "com.fasterxml..",
                        "org.eclipse.microprofile..", "org.jboss..", "io.micrometer..", "org.hibernate..")
                .check(main);
    }

    @Test
    void noFeatureDependsOnWebhooks() {
        noClasses().that().resideOutsideOfPackage("io.flashorder.webhooks..")
                .should().dependOnClassesThat().resideInAPackage("io.flashorder.webhooks..")
                .check(main);
    }

    @Test
    void noPackageHoldsMoreThanThirtyJavaFilesAtOneLevel() {
        assertThat(packagesOver(MAX_FILES_PER_PACKAGE)).as("Java files per package directory").isEmpty();
    }

    @Test
    void thePackageSizeRuleCountsFiles() {
        // The largest package is over a limit of 1, so the counting itself is not a no-op.
        assertThat(packagesOver(1)).isNotEmpty().allSatisfy((directory, files) -> assertThat(files).isGreaterThan(1));
    }

    private static ArchRule topLevelPackagesFreeOfCycles(String slicePattern) {
        return slices().matching(slicePattern).should().beFreeOfCycles();
    }

    private static Map<String, Long> packagesOver(int limit) {
        try (Stream<Path> directories = Files.walk(MAIN_SOURCES)) {
            return directories.filter(Files::isDirectory)
                    .collect(Collectors.toMap(directory -> MAIN_SOURCES.relativize(directory).toString(),
                            ArchitectureTest::javaFilesIn, Long::sum, TreeMap::new))
                    .entrySet().stream().filter(entry -> entry.getValue() > limit)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long javaFilesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".java")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
