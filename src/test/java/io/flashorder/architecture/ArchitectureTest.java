package io.flashorder.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The package rules of the README's "Architecture" section, checked on the compiled main classes: no cycle between
 * the top-level packages under {@code io.flashorder}, nor between any two packages (a feature's root and its
 * sub-packages included), no dependency upwards in {@link #LAYERS} ({@code platform}
 * at the bottom, {@code webhooks} at the top), and no package with more than {@value #MAX_FILES_PER_PACKAGE} Java
 * files at one level (it gets sub-packages by sub-domain instead). Redis: each Lua script is loaded by exactly one
 * Java facade.
 */
class ArchitectureTest {

    static final int MAX_FILES_PER_PACKAGE = 30;

    /** Bottom to top, as in the README's table: a package may use those before it, never one after it. */
    static final List<String> LAYERS = List.of("platform", "security", "events", "risk", "inventory", "catalog",
            "pricing", "settings", "order", "points", "checkout", "payment", "fulfilment", "aftersale", "logistics",
            "review", "feedback", "analytics", "notification",
            "webhooks");
    private static final Path MAIN_SOURCES = Path.of("src/main/java");
    private static final Path LUA_SCRIPTS = Path.of("src/main/resources/lua");

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
    void packagesHaveNoCycle() {
        packagesFreeOfCycles().check(main);
    }

    @Test
    void thePackageCycleRuleFindsACycleInsideAFeature() {
        // A feature's root and its sub-package using each other, as the catalog's snapshot and its SKUs once did:
        // one top-level package, so only the package rule sees it.
        JavaClasses nested = new ClassFileImporter().importPackages("io.flashorder.architecture.nested");
        assertThat(nested).hasSize(2);
        topLevelPackagesFreeOfCycles("io.flashorder.architecture.(*)..").check(nested);
        assertThatThrownBy(() -> packagesFreeOfCycles().check(nested))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("nested.feature.Root")
                .hasMessageContaining("nested.feature.part.Part");
    }

    @Test
    void everyTopLevelPackageHasItsLayer() throws IOException {
        try (Stream<Path> packages = Files.list(MAIN_SOURCES.resolve("io/flashorder"))) {
            List<String> names = packages.filter(Files::isDirectory).map(path -> path.getFileName().toString()).toList();
            assertThat(LAYERS).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void eachPackageUsesOnlyThoseBelowIt() {
        for (int i = 0; i < LAYERS.size(); i++) {
            String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream()
                    .map(name -> "io.flashorder." + name + "..").toArray(String[]::new);
            if (above.length > 0) {
                noClasses().that().resideInAPackage("io.flashorder." + LAYERS.get(i) + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(above)
                        .check(main);
            }
        }
    }

    @Test
    void platformDependsOnNoFeature() {
        noClasses().that().resideInAPackage("io.flashorder.platform..")
                .should().dependOnClassesThat(resideInAPackage("io.flashorder..")
                        .and(resideOutsideOfPackage("io.flashorder.platform..")))
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

    @Test
    void eachLuaScriptHasExactlyOneJavaFacade() throws IOException {
        Map<String, List<String>> loaders = new TreeMap<>();
        Pattern load = Pattern.compile("LuaScript\\.load\\(\"([\\w-]+)\"\\)");
        try (Stream<Path> sources = Files.walk(MAIN_SOURCES)) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                Matcher matcher = load.matcher(Files.readString(source));
                while (matcher.find()) {
                    loaders.computeIfAbsent(matcher.group(1), name -> new ArrayList<>())
                            .add(source.getFileName().toString());
                }
            }
        }
        List<String> scripts;
        try (Stream<Path> files = Files.list(LUA_SCRIPTS)) {
            scripts = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".lua"))
                    .map(name -> name.substring(0, name.length() - ".lua".length())).sorted().toList();
        }
        assertThat(scripts).isNotEmpty();
        assertThat(loaders.keySet()).as("scripts loaded by Java").containsExactlyInAnyOrderElementsOf(scripts);
        assertThat(loaders).allSatisfy((script, facades) -> assertThat(facades).as("facades of %s", script)
                .hasSize(1));
    }

    private static ArchRule topLevelPackagesFreeOfCycles(String slicePattern) {
        return slices().matching(slicePattern).should().beFreeOfCycles();
    }

    /** Every package its own slice: a feature's root and its sub-packages, and those among themselves, too. */
    private static ArchRule packagesFreeOfCycles() {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return SliceIdentifier.of(javaClass.getPackageName());
            }

            @Override
            public String getDescription() {
                return "packages";
            }
        }).should().beFreeOfCycles();
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
