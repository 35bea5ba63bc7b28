package io.partita.app.connection;

import io.partita.app.messages.Delivery;
import io.partita.app.messages.JsonLines;
import io.partita.app.messages.Message;
import io.partita.app.messages.MessagePage;
import io.partita.app.messages.ReplayPlan;
import io.partita.app.messages.StartAt;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * The gateway's part that moves records between a partition and a JSON Lines file ({@link JsonLines}): export
 * pages through the reader into a temporary file that replaces the target only when complete; import reads and
 * checks the whole file before it sends anything, so a broken line costs nothing.
 */
final class MessageFiles {
    private static final int PAGE = 500;

    private MessageFiles() {
    }

    /** Writes [start, until) of a partition to {@code file}; returns how many records were written. */
    static long export(MessageReader reader, String topic, int partition, StartAt start, long until, Path file,
                       LongConsumer progress) throws Exception {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long written = 0;
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            MessagePage page = reader.read(topic, partition, start, PAGE).get();
            long stop = Math.min(until, page.logEnd());
            while (true) {
                for (Message m : page.messages()) {
                    if (m.offset() >= stop) {
                        break;
                    }
                    out.write(JsonLines.write(m));
                    out.newLine();
                    written++;
                }
                progress.accept(written);
                if (page.next() >= stop || page.messages().isEmpty()) {
                    break;
                }
                page = reader.read(topic, partition, new StartAt.Offset(page.next()), PAGE).get();
            }
        } catch (Exception e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return written;
    }

    /**
     * Sends every record of {@code file} to {@code target} (keys, headers and timestamps kept; partitions kept when
     * asked); returns how many the cluster acknowledged.
     *
     * @throws IllegalArgumentException naming the first line that is not a record, before anything is sent
     */
    static long importFile(MessageWriter writer, Path file, String target, boolean keepPartitions,
                           LongConsumer progress) throws Exception {
        List<Message> records = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                records.add(JsonLines.read(lines.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file.getFileName() + ", line " + (i + 1) + ": " + e.getMessage()
                        + ". Nothing was sent.");
            }
        }
        ReplayPlan.ToTopic to = new ReplayPlan.ToTopic(target, true, true, true, keepPartitions);
        List<CompletableFuture<Delivery>> sent = new ArrayList<>();
        for (Message m : records) {
            sent.add(writer.send(to.request(m)));
        }
        long acknowledged = 0;
        for (CompletableFuture<Delivery> delivery : sent) {
            delivery.get(); // in order: the first failure stops the count and is reported
            progress.accept(++acknowledged);
        }
        return acknowledged;
    }

    /** The producer's default {@code max.request.size}: a larger value could never be sent. */
    static final int MAX_VALUE_BYTES = 1024 * 1024;

    /**
     * A file's bytes exactly as they are, for a record's value.
     *
     * @throws java.io.IOException whose message says which file and what is wrong with it
     */
    static byte[] readValue(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new java.io.FileNotFoundException("There is no file " + file + ". Nothing was sent.");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException("Cannot read " + file + " (not a readable file). Nothing was sent.");
        }
        long size = Files.size(file);
        if (size > MAX_VALUE_BYTES) {
            throw new IOException(String.format("%s is %.1f MiB: a value can be at most 1 MiB (the producer's "
                    + "max.request.size). Nothing was sent.", file.getFileName(), size / (1024.0 * 1024)));
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length > MAX_VALUE_BYTES) { // it grew since we looked
            throw new IOException(file.getFileName() + " is larger than 1 MiB (the producer's max.request.size). "
                    + "Nothing was sent.");
        }
        return bytes;
    }

    static void checkWritable(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new IOException("Cannot write in " + dir);
        }
    }
}
