package io.partita.broker.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Which package of the broker may use which, checked on the compiled classes. From the bottom: the log (LMDB),
 * the cluster metadata (ZooKeeper) and the network know nothing of the rest; replication and the group
 * coordinator build on them; the configuration reads every part's settings; the API handlers answer requests
 * with all of it; the server wires one node together; the local cluster runs nodes; the command line runs either.
 */
@Tag("integration")
class LayeringTest {
    private static final JavaClasses BROKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.partita.broker");

    @Test
    void theLogUsesNothingAboveIt() {
        noClasses()
                .that()
                .resideInAPackage("io.partita.broker.log..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.partita.broker.network..",
                        "io.partita.broker.api..",
                        "io.partita.broker.replication..",
                        "io.partita.broker.cluster..",
                        "io.partita.broker.group..",
                        "io.partita.broker.config..",
                        "io.partita.broker.server..",
                        "io.partita.broker.local..",
                        "io.partita.broker.cli..")
                .check(BROKER);
    }

    @Test
    void theNetworkDoesNotKnowTheApis() {
        noClasses()
                .that()
                .resideInAPackage("io.partita.broker.network..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.partita.broker.api..")
                .check(BROKER);
    }

    @Test
    void aNodeDoesNotKnowTheLocalClusterOrTheCommandLine() {
        noClasses()
                .that()
                .resideInAPackage("io.partita.broker.server..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.partita.broker.local..", "io.partita.broker.cli..")
                .check(BROKER);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.partita.broker.(*)..").should().beFreeOfCycles().check(BROKER);
    }
}
