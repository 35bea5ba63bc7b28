package io.partita.app.connection;

import io.partita.app.messages.Delivery;
import io.partita.app.messages.ExportPlan;
import io.partita.app.messages.ImportPlan;
import io.partita.app.messages.JsonLines;
import io.partita.app.messages.Message;
import io.partita.app.messages.MessagePage;
import io.partita.app.messages.StartAt;
import io.partita.app.messages.TransferControl;
import io.partita.app.messages.TransferProgress;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The gateway's part that moves records between partitions and a JSON Lines file ({@link JsonLines}): export
 * pages through the reader into a temporary file that replaces the target only when complete, so a cancelled or
 * failed export leaves nothing half-written; import reads and checks the whole file before it sends anything, so
 * a broken line costs nothing.
 */
final class MessageFiles {
    private static final int PAGE = 500;
    /** An import reports every so many acknowledgements: one FX event per record would flood the FX thread. */
    private static final int IMPORT_REPORT_EVERY = 100;
    /** Records an import has sent but not yet seen acknowledged, at most. */
    private static final int IN_FLIGHT = 1_000;

    private MessageFiles() {
    }

    /** Body of a file being written: returns how many records it wrote. */
    private interface Writing {
        long into(BufferedWriter out) throws Exception;
    }

    /** Writes the plan's ranges to {@code file}; returns how many records were written. */
    static long export(MessageReader reader, ExportPlan plan, Path file, TransferControl control,
                       Consumer<TransferProgress> progress) throws Exception {
        checkWritable(file); // before the cluster is asked anything: a wrong folder is the user's to fix first
        // Every range first, so the bar knows the total before the first page.
        List<long[]> ranges = new ArrayList<>();
        long about = 0;
        for (int p : plan.partitions()) {
            MessagePage first = reader.read(plan.topic(), p, plan.from(), 0).get();
            long end = first.logEnd();
            long stop = plan.until() instanceof StartAt.Latest ? end
                    : plan.until() instanceof StartAt.Offset o ? Math.min(o.offset(), end)
                    : reader.read(plan.topic(), p, plan.until(), 0).get().from();
            long start = first.from();
            ranges.add(new long[] {p, start, Math.max(start, stop)});
            about += Math.max(0, stop - start);
        }
        long total = about;
        progress.accept(new TransferProgress(0, total));
        return writeAtomically(file, out -> {
            long written = 0;
            for (long[] range : ranges) {
                int partition = (int) range[0];
                long position = range[1];
                long stop = range[2];
                while (position < stop) {
                    if (control.cancelled()) {
                        throw new CancellationException("Export cancelled");
                    }
                    MessagePage page = reader.read(plan.topic(), partition, new StartAt.Offset(position),
                            (int) Math.min(PAGE, stop - position)).get();
                    for (Message m : page.messages()) {
                        if (m.offset() >= stop) {
                            break;
                        }
                        out.write(JsonLines.write(m));
                        out.newLine();
                        written++;
                    }
                    progress.accept(new TransferProgress(written, total));
                    if (page.next() <= position) {
                        break; // nothing more came (records deleted by retention meanwhile, or the read timed out)
                    }
                    position = page.next();
                }
            }
            return written;
        }, control);
    }

    /** Writes the given records (the browser's selection) to {@code file}, in the order given. */
    static long export(List<Message> records, Path file, TransferControl control,
                       Consumer<TransferProgress> progress) throws Exception {
        return writeAtomically(file, out -> {
            long written = 0;
            for (Message m : records) {
                if (control.cancelled()) {
                    throw new CancellationException("Export cancelled");
                }
                out.write(JsonLines.write(m));
                out.newLine();
                written++;
            }
            progress.accept(new TransferProgress(written, records.size()));
            return written;
        }, control);
    }

    /**
     * Writes into {@code file}.partial and moves it onto {@code file} only when complete and not cancelled; on
     * any failure or cancellation the partial file is removed and {@code file} is left as it was.
     */
    private static long writeAtomically(Path file, Writing body, TransferControl control) throws Exception {
        checkWritable(file);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long written;
        try {
            try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                written = body.into(out);
            }
            if (control.cancelled()) {
                throw new CancellationException("Export cancelled");
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        return written;
    }

    /**
     * Sends every record of {@code file} as the plan says (keys, values and headers always kept); returns the
     * final progress: how many the cluster acknowledged, of how many the file holds (fewer when cancelled).
     *
     * @param partitions how many partitions the target topic has, to refuse a file whose partitions it lacks
     * @throws IllegalArgumentException naming the first line that is not a record, before anything is sent
     */
    static TransferProgress importFile(MessageWriter writer, Path file, ImportPlan plan, int partitions,
                                       TransferControl control, Consumer<TransferProgress> progress) throws Exception {
        List<Message> records = new ArrayList<>();
        List<String> lines;
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; choose a .jsonl file. Nothing was sent.");
        }
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("There is no file " + file + ". Nothing was sent.");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file.getFileName() + " is not UTF-8 text. Nothing was sent.");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Message m;
            try {
                m = JsonLines.read(lines.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(line(file, i) + e.getMessage() + ". Nothing was sent.");
            }
            if (plan.keepPartitions() && (m.partition() < 0 || m.partition() >= partitions)) {
                throw new IllegalArgumentException(line(file, i) + "partition " + m.partition() + ", but " + plan.topic()
                        + " has " + partitions + " partition" + (partitions == 1 ? "" : "s")
                        + " (let the key decide, or add partitions). Nothing was sent.");
            }
            records.add(m);
        }
        long total = records.size();
        progress.accept(new TransferProgress(0, total));
        // A window of records in flight, not the whole file queued at once: memory stays bounded and Cancel
        // stops the sending within a window's worth of records.
        java.util.ArrayDeque<CompletableFuture<Delivery>> inFlight = new java.util.ArrayDeque<>();
        long acknowledged = 0;
        for (Message m : records) {
            if (control.cancelled()) {
                break;
            }
            inFlight.add(writer.send(plan.request(m)));
            if (inFlight.size() >= IN_FLIGHT) {
                acknowledged = acknowledge(inFlight.poll(), acknowledged, total, progress);
            }
        }
        while (!inFlight.isEmpty()) {
            acknowledged = acknowledge(inFlight.poll(), acknowledged, total, progress);
        }
        TransferProgress last = new TransferProgress(acknowledged, total);
        progress.accept(last);
        return last;
    }

    /** Waits for one delivery, in order: the first failure stops the import and is reported. */
    private static long acknowledge(CompletableFuture<Delivery> delivery, long acknowledged, long total,
                                    Consumer<TransferProgress> progress) throws Exception {
        delivery.get();
        acknowledged++;
        if (acknowledged % IMPORT_REPORT_EVERY == 0) {
            progress.accept(new TransferProgress(acknowledged, total));
        }
        return acknowledged;
    }

    private static String line(Path file, int index) {
        return file.getFileName() + ", line " + (index + 1) + ": ";
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
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("There is no folder " + dir + ".");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("Cannot write in " + dir + ".");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder; name a file.");
        }
    }
}
