package io.partita.broker.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LmdbNativeLibraryTest {

    @TempDir
    Path dir;

    @Test
    void namesTheLibraryLmdbjavaBundlesForEachPlatform() {
        assertThat(LmdbNativeLibrary.bundledResource("Linux", "amd64")).contains("/org/lmdbjava/x86_64-linux-gnu.so");
        assertThat(LmdbNativeLibrary.bundledResource("Linux", "aarch64"))
                .contains("/org/lmdbjava/aarch64-linux-gnu.so");
        assertThat(LmdbNativeLibrary.bundledResource("Mac OS X", "aarch64"))
                .contains("/org/lmdbjava/aarch64-macos-none.so");
        assertThat(LmdbNativeLibrary.bundledResource("Windows 11", "amd64"))
                .contains("/org/lmdbjava/x86_64-windows-gnu.dll");
        assertThat(LmdbNativeLibrary.bundledResource("Windows 11", "aarch64")).isEmpty();
        assertThat(LmdbNativeLibrary.bundledResource("SunOS", "sparcv9")).isEmpty();
        for (String os : new String[] {"Linux", "Mac OS X", "Windows 10"}) {
            String resource = LmdbNativeLibrary.bundledResource(os, "x86_64").orElseThrow();
            assertThat(LmdbNativeLibrary.class.getResource(resource))
                    .as(resource)
                    .isNotNull();
        }
    }

    @Test
    void writesOneCopyOnceAndRepairsADamagedOne() throws Exception {
        Path copy = LmdbNativeLibrary.lastingCopy(dir).orElseThrow();
        byte[] bundled = bundled();
        assertThat(Files.readAllBytes(copy)).isEqualTo(bundled);

        FileTime written = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(copy, written);
        assertThat(LmdbNativeLibrary.lastingCopy(dir)).contains(copy);
        assertThat(Files.getLastModifiedTime(copy))
                .as("an intact copy is not written again")
                .isEqualTo(written);

        Files.write(copy, new byte[bundled.length]);
        assertThat(LmdbNativeLibrary.lastingCopy(dir)).contains(copy);
        assertThat(Files.readAllBytes(copy)).isEqualTo(bundled);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(copy);
        }
    }

    private static byte[] bundled() throws Exception {
        String resource = LmdbNativeLibrary.bundledResource(
                        System.getProperty("os.name"), System.getProperty("os.arch"))
                .orElseThrow();
        try (InputStream in = LmdbNativeLibrary.class.getResourceAsStream(resource)) {
            return in.readAllBytes();
        }
    }
}
