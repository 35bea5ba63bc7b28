package io.partita.app.client.produce;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A file sent as a record's value: read whole, and refused when the producer could never send it. */
public final class ValueFiles {
    private ValueFiles() {}

    /** The producer's default {@code max.request.size}: a larger value could never be sent. */
    public static final int MAX_VALUE_BYTES = 1024 * 1024;

    /**
     * A file's bytes exactly as they are, for a record's value.
     *
     * @throws IOException whose message says which file and what is wrong with it
     */
    public static byte[] read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new FileNotFoundException("There is no file " + file + ". Nothing was sent.");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("Cannot read " + file + " (not a readable file). Nothing was sent.");
        }
        long size = Files.size(file);
        if (size > MAX_VALUE_BYTES) {
            throw new IOException(String.format(
                    "%s is %.1f MiB: a value can be at most 1 MiB (the producer's "
                            + "max.request.size). Nothing was sent.",
                    file.getFileName(), size / (1024.0 * 1024)));
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > MAX_VALUE_BYTES) { // it grew since we looked
            throw new IOException(file.getFileName() + " is larger than 1 MiB (the producer's max.request.size). "
                    + "Nothing was sent.");
        }
        return bytes;
    }
}
