package io.partita.broker.log;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives lmdbjava one lasting copy of its native library instead of a new temporary copy per process.
 *
 * <p>Left alone, lmdbjava copies the library it bundles into the temporary directory under a fresh name
 * every time a JVM starts, and deletes it only on a clean exit. A node that is killed (a crash, the app's
 * "kill a node", a chaos test) leaves a 300 KB file behind each time. Here the bundled library is written
 * once to a file named after its content, in a directory of the user's own, and lmdbjava is pointed at it
 * through its {@code lmdbjava.native.lib} property. Every later process, of any version that bundles the
 * same library, loads that file.
 *
 * <p>This must run before lmdbjava's {@code Library} class initialises, which reads the property once:
 * {@link LogStore} calls it before it creates an environment. Whoever set the property already (a user
 * with their own LMDB build) is left alone, and any failure here falls back to lmdbjava's own extraction.
 */
final class LmdbNativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(LmdbNativeLibrary.class);
    static final String NATIVE_LIB_PROPERTY = "lmdbjava.native.lib";

    private static boolean installed;

    private LmdbNativeLibrary() {}

    /** Points lmdbjava at the lasting copy under {@code ~/.partita/native}, writing it first if needed. */
    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        if (System.getProperty(NATIVE_LIB_PROPERTY) != null) {
            return;
        }
        Path directory = Path.of(System.getProperty("user.home"), ".partita", "native");
        try {
            lastingCopy(directory).ifPresent(path -> System.setProperty(NATIVE_LIB_PROPERTY, path.toString()));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Leaving lmdbjava to extract its own native library: {}", e.toString());
        }
    }

    /**
     * The bundled library for this platform copied into {@code directory} under a name that carries its
     * content's hash, or empty if lmdbjava bundles none for this platform.
     */
    static Optional<Path> lastingCopy(Path directory) throws IOException {
        Optional<String> resource = bundledResource(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        byte[] library;
        try (InputStream in = LmdbNativeLibrary.class.getResourceAsStream(resource.get())) {
            if (in == null) {
                return Optional.empty();
            }
            library = in.readAllBytes();
        }
        String fileName = resource.get().substring(resource.get().lastIndexOf('/') + 1);
        Path target = directory.resolve("lmdb-" + sha256(library).substring(0, 16) + "-" + fileName);
        if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), library)) {
            return Optional.of(target);
        }
        Files.createDirectories(directory);
        // Written aside and moved into place, so that a process starting meanwhile never loads half a file.
        Path partial = Files.createTempFile(directory, fileName, ".partial");
        try {
            Files.write(partial, library);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return Optional.of(target);
    }

    /** The class-path resource lmdbjava 0.9 bundles for an OS and architecture, as its {@code TargetName} names it. */
    static Optional<String> bundledResource(String osName, String osArch) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch == null ? "" : osArch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> null;
        };
        if (arch == null) {
            return Optional.empty();
        }
        if (os.startsWith("linux")) {
            return Optional.of("/org/lmdbjava/" + arch + "-linux-gnu.so");
        }
        if (os.startsWith("mac")) {
            return Optional.of("/org/lmdbjava/" + arch + "-macos-none.so");
        }
        if (os.startsWith("windows") && arch.equals("x86_64")) {
            return Optional.of("/org/lmdbjava/x86_64-windows-gnu.dll");
        }
        return Optional.empty();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
