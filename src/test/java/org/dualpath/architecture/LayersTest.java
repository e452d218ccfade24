package org.dualpath.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The packages form layers and no import runs upward: vector primitives at the bottom, data, text and evaluation
 * over them, the model, then training, the store and the search, the map, and the command line and the explorer on
 * top (with the evaluation report beside the map). Core packages know nothing of JavaFX.
 */
class LayersTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.dualpath");

    @Test
    void noPackageImportsOneAboveIt() {
        Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("common").definedBy("org.dualpath.common..")
                .layer("vector").definedBy("org.dualpath.vector..")
                .layer("data").definedBy("org.dualpath.data..")
                .layer("text").definedBy("org.dualpath.text..")
                .layer("eval").definedBy("org.dualpath.eval..")
                .layer("model").definedBy("org.dualpath.model..")
                .layer("train").definedBy("org.dualpath.train..")
                .layer("store").definedBy("org.dualpath.store..")
                .layer("search").definedBy("org.dualpath.search..")
                .layer("projection").definedBy("org.dualpath.projection..")
                .layer("report").definedBy("org.dualpath.report..")
                .layer("cli").definedBy("org.dualpath.cli..")
                .layer("viewmodel").definedBy("org.dualpath.app.viewmodel..")
                .layer("view").definedBy("org.dualpath.app.view..")
                .layer("app").definedBy("org.dualpath.app")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("view").mayOnlyBeAccessedByLayers("app")
                .whereLayer("viewmodel").mayOnlyBeAccessedByLayers("view", "app")
                .whereLayer("cli").mayOnlyBeAccessedByLayers("app")
                .whereLayer("report").mayOnlyBeAccessedByLayers("cli", "viewmodel", "view", "app")
                .whereLayer("projection").mayOnlyBeAccessedByLayers("cli", "viewmodel", "view", "app")
                .whereLayer("search").mayOnlyBeAccessedByLayers("projection", "report", "cli", "viewmodel", "view", "app")
                .whereLayer("store").mayOnlyBeAccessedByLayers("report", "search", "projection", "cli", "viewmodel", "view", "app")
                .whereLayer("train").mayOnlyBeAccessedByLayers("cli", "viewmodel", "view", "app")
                .whereLayer("model").mayOnlyBeAccessedByLayers("report", "train", "store", "search", "projection", "cli",
                        "viewmodel", "view", "app")
                .whereLayer("eval").mayOnlyBeAccessedByLayers("report", "train", "store", "search", "projection", "cli",
                        "viewmodel", "view", "app")
                .whereLayer("text").mayOnlyBeAccessedByLayers("report", "model", "train", "store", "search", "projection",
                        "cli", "viewmodel", "view", "app")
                .whereLayer("data").mayOnlyBeAccessedByLayers("report", "model", "train", "store", "search", "projection",
                        "cli", "viewmodel", "view", "app")
                .whereLayer("vector").mayOnlyBeAccessedByLayers("report", "eval", "model", "train", "store", "search",
                        "projection", "cli", "viewmodel", "view", "app")
                .check(CLASSES);
    }

    @Test
    void coreKnowsNothingOfJavaFx() {
        noClasses().that().resideOutsideOfPackages("org.dualpath.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(CLASSES);
    }
}
