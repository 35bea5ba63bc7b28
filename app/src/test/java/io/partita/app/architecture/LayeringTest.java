package io.partita.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The app's two sides, checked on the compiled classes: the screens (views and view models, by feature) and data
 * access ({@code io.partita.app.client}, the only code that talks to a cluster). Screens use data access and its
 * types; data access never uses a screen or JavaFX (the caller says where results arrive); only data access uses kafka-clients and the
 * broker's local cluster.
 */
class LayeringTest {
    private static final String[] SCREENS = {
        "io.partita.app",
        "io.partita.app.welcome..",
        "io.partita.app.about..",
        "io.partita.app.cluster..",
        "io.partita.app.topics..",
        "io.partita.app.groups..",
        "io.partita.app.browse..",
        "io.partita.app.produce..",
        "io.partita.app.replay..",
        "io.partita.app.transfer..",
        "io.partita.app.timeline..",
        "io.partita.app.common.."
    };
    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.partita.app");

    @Test
    void dataAccessNeverUsesAScreen() {
        noClasses()
                .that()
                .resideInAPackage("io.partita.app.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(SCREENS)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .check(APP);
    }

    @Test
    void screensNeverTalkToAClusterThemselves() {
        noClasses()
                .that()
                .resideInAnyPackage(SCREENS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "io.partita.broker..")
                .check(APP);
    }

    @Test
    void noCyclesAmongTheDataAccessPackages() {
        slices().matching("io.partita.app.client.(*)..")
                .should()
                .beFreeOfCycles()
                .check(APP);
    }

    @Test
    void noCyclesAmongTheScreens() {
        slices().matching("io.partita.app.(*)..").should().beFreeOfCycles().check(APP);
    }
}
