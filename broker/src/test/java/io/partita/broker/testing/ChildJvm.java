package io.partita.broker.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM started from the test JVM's own classpath. Its stdout and stderr go straight to a log
 * file (the OS drains them, so the child can never block on a full pipe); its stdin is closed.
 * {@link #close()} stops the whole process tree: a polite SIGTERM first, then SIGKILL after a
 * deadline. A shutdown hook does the same if the test JVM exits without closing it.
 */
public final class ChildJvm implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChildJvm.class);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);
    private static final Duration FORCED_STOP = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildJvm(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::destroyTreeForcibly, "bench-kill-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code java <jvmArgs> -cp <test classpath> <mainClass> <args>}, appending its output to
     * {@code logFile}.
     */
    public static ChildJvm start(String name, List<String> jvmArgs, String mainClass, List<String> args, Path logFile)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(testClasspath());
        command.add(mainClass);
        command.addAll(args);

        Files.createDirectories(logFile.getParent());
        String shown = String.join(
                " ",
                command.stream()
                        .map(arg ->
                                arg.length() > 200 ? arg.substring(0, 200) + "...(" + arg.length() + " chars)" : arg)
                        .toList());
        Files.writeString(
                logFile,
                "### " + name + ": " + shown + System.lineSeparator(),
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = builder.start();
        LOG.info("Started {} (pid {}), output in {}", name, process.pid(), logFile);
        return new ChildJvm(name, process, logFile);
    }

    /**
     * The full test classpath. Under surefire {@code java.class.path} may be a single manifest-only
     * booter jar, so surefire's own {@code surefire.test.class.path} is preferred when present.
     */
    public static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code; only valid once {@link #isAlive()} is false. */
    public int exitCode() {
        return process.exitValue();
    }

    public Path logFile() {
        return logFile;
    }

    /** Waits for the process to exit by itself; returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException, TimeoutException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException(name + " did not exit within " + timeout + "; output:\n" + tail(40));
        }
        return process.exitValue();
    }

    /** The last lines of the child's output, for error messages. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** SIGTERM to the tree, wait, then SIGKILL whatever is left. Idempotent. */
    @Override
    public void close() {
        try {
            List<ProcessHandle> tree = tree();
            tree.forEach(ProcessHandle::destroy);
            if (!awaitGone(tree, GRACEFUL_STOP)) {
                LOG.warn("{} (pid {}) still running {} after SIGTERM; killing it", name, process.pid(), GRACEFUL_STOP);
                destroyTreeForcibly();
                if (!awaitGone(tree(), FORCED_STOP)) {
                    LOG.error("{} (pid {}) survived SIGKILL for {}", name, process.pid(), FORCED_STOP);
                }
            }
            if (!process.isAlive()) {
                LOG.info("{} (pid {}) stopped, exit code {}", name, process.pid(), process.exitValue());
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void destroyTreeForcibly() {
        tree().forEach(ProcessHandle::destroyForcibly);
    }

    /** The process and all its descendants (a JVM normally has none, but a launcher script would). */
    private List<ProcessHandle> tree() {
        List<ProcessHandle> handles = new ArrayList<>(process.descendants().toList());
        handles.add(process.toHandle());
        return handles;
    }

    private static boolean awaitGone(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : handles) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return handles.stream().noneMatch(ProcessHandle::isAlive);
            }
            try {
                handle.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                // onExit never completes exceptionally; treat as gone
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
