package io.partita.broker.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tests that need a program from outside Java (kcat) run when it is on the PATH and say clearly when it is not.
 * Where {@value #REQUIRED} names it (CI sets it: {@code .ci/run} installs the programs), its absence fails the
 * test instead, so CI never skips them silently.
 */
public final class OutsidePrograms {
    private static final Logger LOG = LoggerFactory.getLogger(OutsidePrograms.class);
    /** The environment variable listing the programs whose absence fails the tests, comma-separated. */
    public static final String REQUIRED = "PARTITA_REQUIRED_PROGRAMS";

    private OutsidePrograms() {}

    /** Returns if {@code program} is on the PATH; otherwise fails or skips the calling test, as said above. */
    public static void require(String program) {
        if (onPath(program)) {
            return;
        }
        String required = System.getenv().getOrDefault(REQUIRED, "");
        Set<String> names =
                Arrays.stream(required.split(",")).map(String::strip).collect(Collectors.toSet());
        String message = program + " is not installed (not on the PATH)";
        if (names.contains(program)) {
            throw new AssertionError(message + ", and " + REQUIRED + " requires it: install it (.ci/run does,"
                    + " apt-get install " + program + ")");
        }
        LOG.warn("{}: skipping the tests that need it (install it to run them)", message);
        Assumptions.abort(message + ": install it to run this test");
    }

    private static boolean onPath(String program) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, program))
                .anyMatch(file -> Files.isRegularFile(file) && Files.isExecutable(file));
    }
}
