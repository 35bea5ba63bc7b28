package io.partita.app.client.transfer;

import io.partita.app.client.browse.MessageReader;
import io.partita.app.client.produce.Delivery;
import io.partita.app.client.produce.MessageWriter;
import io.partita.app.client.produce.ValueFiles;
import io.partita.app.client.records.JsonLines;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessagePage;
import io.partita.app.client.records.StartAt;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.AbstractRecords;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.RecordBatch;

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
    /**
     * The longest line an import reads: the largest record the producer sends (1 MiB) written as JSON with every
     * byte escaped stays below it, and no longer line is held in memory.
     */
    static final int MAX_LINE_CHARS = 8 * 1024 * 1024;
    /** Records an import has sent but not yet seen acknowledged, at most. */
    private static final int IN_FLIGHT = 1_000;

    private MessageFiles() {}

    /** Body of a file being written: returns how many records it wrote. */
    private interface Writing {
        long into(BufferedWriter out) throws Exception;
    }

    /** Writes the plan's ranges to {@code file}; returns how many records were written. */
    static long export(
            MessageReader reader,
            ExportPlan plan,
            Path file,
            TransferControl control,
            Consumer<TransferProgress> progress)
            throws Exception {
        checkWritable(file); // before the cluster is asked anything: a wrong folder is the user's to fix first
        // Every range first, so the bar knows the total before the first page.
        List<long[]> ranges = new ArrayList<>();
        long about = 0;
        for (int p : plan.partitions()) {
            MessagePage first = reader.read(plan.topic(), p, plan.from(), 0).get();
            long end = first.logEnd();
            long stop = plan.until() instanceof StartAt.Latest
                    ? end
                    : plan.until() instanceof StartAt.Offset o
                            ? Math.min(o.offset(), end)
                            : reader.read(plan.topic(), p, plan.until(), 0)
                                    .get()
                                    .from();
            long start = first.from();
            ranges.add(new long[] {p, start, Math.max(start, stop)});
            about += Math.max(0, stop - start);
        }
        long total = about;
        progress.accept(new TransferProgress(0, total));
        return writeAtomically(
                file,
                out -> {
                    long written = 0;
                    for (long[] range : ranges) {
                        int partition = (int) range[0];
                        long position = range[1];
                        long stop = range[2];
                        while (position < stop) {
                            if (control.cancelled()) {
                                throw new CancellationException("Export cancelled");
                            }
                            MessagePage page = reader.read(plan.topic(), partition, new StartAt.Offset(position), (int)
                                            Math.min(PAGE, stop - position))
                                    .get();
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
                                break; // nothing more came (records deleted by retention meanwhile, or the read timed
                                // out)
                            }
                            position = page.next();
                        }
                    }
                    return written;
                },
                control);
    }

    /** Writes the given records (the browser's selection) to {@code file}, in the order given. */
    static long export(List<Message> records, Path file, TransferControl control, Consumer<TransferProgress> progress)
            throws Exception {
        return writeAtomically(
                file,
                out -> {
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
                },
                control);
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
     * <p>The file is streamed twice, a line at a time, so a file of any size imports with bounded memory: the first
     * pass checks every line and counts the records, the second sends them. Nothing is sent unless the whole file
     * passed the check, which refuses what the producer would refuse halfway through: a line that is not a
     * record, a partition the topic lacks, a record larger than {@code max.request.size}, a negative timestamp.
     *
     * @param partitions how many partitions the target topic has, to refuse a file whose partitions it lacks
     * @throws IllegalArgumentException naming the first line that is not a record, before anything is sent
     */
    static TransferProgress importFile(
            MessageWriter writer,
            Path file,
            ImportPlan plan,
            int partitions,
            TransferControl control,
            Consumer<TransferProgress> progress)
            throws Exception {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; choose a .jsonl file. Nothing was sent.");
        }
        // The check reads to the end even when cancelled: it sends nothing, and the total says what was not sent.
        long total = eachRecord(file, new TransferControl(), (index, m) -> check(file, index, m, plan, partitions));
        progress.accept(new TransferProgress(0, total));
        // A window of records in flight, not the whole file queued at once: memory stays bounded and Cancel
        // stops the sending within a window's worth of records.
        ArrayDeque<CompletableFuture<Delivery>> inFlight = new ArrayDeque<>();
        long[] acknowledged = {0};
        eachRecord(file, control, (index, m) -> {
            inFlight.add(writer.send(plan.request(m)));
            if (inFlight.size() >= IN_FLIGHT) {
                acknowledged[0] = acknowledge(inFlight.poll(), acknowledged[0], total, progress);
            }
        });
        while (!inFlight.isEmpty()) {
            acknowledged[0] = acknowledge(inFlight.poll(), acknowledged[0], total, progress);
        }
        TransferProgress last = new TransferProgress(acknowledged[0], total);
        progress.accept(last);
        return last;
    }

    /** What to do with one record of a file; {@code index} is its line's, from 0. */
    private interface RecordAction {
        void accept(int index, Message record) throws Exception;
    }

    /** Reads the file a line at a time (strict UTF-8) and hands each record on; returns how many it handed on. */
    private static long eachRecord(Path file, TransferControl control, RecordAction action) throws Exception {
        CharsetDecoder strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        long records = 0;
        int index = 0;
        try (BoundedLines in =
                new BoundedLines(new InputStreamReader(Files.newInputStream(file), strict), MAX_LINE_CHARS)) {
            String text;
            for (; (text = in.next()) != null && !control.cancelled(); index++) {
                if (text.isBlank()) {
                    continue;
                }
                Message m;
                try {
                    m = JsonLines.read(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(line(file, index) + e.getMessage() + ". Nothing was sent.");
                }
                action.accept(index, m);
                records++;
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("There is no file " + file + ". Nothing was sent.");
        } catch (BoundedLines.LineTooLongException e) {
            throw new IllegalArgumentException(
                    line(file, index) + "the line is " + e.getMessage() + "; a record the"
                            + " producer can send (1 MiB at most) never takes that much. Is it a JSON Lines file? Nothing was sent.");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file.getFileName() + " is not UTF-8 text. Nothing was sent.");
        }
        return records;
    }

    /** The first pass's check of one record: what the topic and the producer would refuse. */
    private static void check(Path file, int index, Message m, ImportPlan plan, int partitions) {
        if (plan.keepPartitions() && (m.partition() < 0 || m.partition() >= partitions)) {
            throw new IllegalArgumentException(line(file, index) + "partition " + m.partition() + ", but "
                    + plan.topic() + " has " + partitions + " partition" + (partitions == 1 ? "" : "s")
                    + " (let the key decide, or add partitions). Nothing was sent.");
        }
        if (plan.keepTimestamps() && m.timestamp() < 0) {
            throw new IllegalArgumentException(line(file, index) + "timestamp " + m.timestamp() + " is not a time:"
                    + " a record's timestamp counts milliseconds from 1970 and is never negative (or import with the"
                    + " time it is sent). Nothing was sent.");
        }
        Header[] headers = m.headers().stream()
                .map(h -> new RecordHeader(h.name(), h.value()))
                .toArray(Header[]::new);
        // The producer's own estimate, which it checks against max.request.size before it sends a record.
        int size = AbstractRecords.estimateSizeInBytesUpperBound(
                RecordBatch.CURRENT_MAGIC_VALUE, CompressionType.NONE, m.key(), m.value(), headers);
        if (size > ValueFiles.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException(String.format(
                    "%sthe record is %.1f MiB; the producer sends at most"
                            + " 1 MiB (max.request.size). Nothing was sent.",
                    line(file, index), size / (1024.0 * 1024)));
        }
    }

    /** Waits for one delivery, in order: the first failure stops the import and is reported. */
    private static long acknowledge(
            CompletableFuture<Delivery> delivery, long acknowledged, long total, Consumer<TransferProgress> progress)
            throws Exception {
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
