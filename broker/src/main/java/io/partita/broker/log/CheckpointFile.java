package io.partita.broker.log;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint file of a store ({@link Checkpointer}): the boot id of the machine that wrote it, the transaction,
 * the page size and the two LMDB meta pages, with a CRC. Written to a temporary file, synced, and moved into place,
 * so a crash while writing leaves the previous checkpoint.
 */
final class CheckpointFile {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFile.class);
    static final String DATA_FILE = "data.mdb";
    static final String NAME = "partita.checkpoint";
    private static final int MAGIC = 0x5043_4B31; // "PCK1"
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    record Saved(String bootId, long txnId, int pageSize, byte[] metaPages) {}

    private CheckpointFile() {}

    /**
     * Test hook: the boot id the store takes the machine to have (a test of a machine crash names another one).
     */
    static final String BOOT_ID_PROPERTY = "partita.lmdb.bootId";

    /**
     * This boot of the machine: Linux's boot id, else (macOS) when process 1, the system's first process, started;
     * empty where the system says neither, and then no checkpoints are kept.
     */
    static Optional<String> currentBootId() {
        String forTests = System.getProperty(BOOT_ID_PROPERTY);
        if (forTests != null) {
            return Optional.of(forTests);
        }
        try {
            return Optional.of(Files.readString(BOOT_ID).strip()).filter(id -> !id.isEmpty());
        } catch (IOException | SecurityException unavailable) {
            return initProcessStart();
        }
    }

    /** When process 1 (init, launchd) started: the same for the whole boot, different after a restart. */
    static Optional<String> initProcessStart() {
        try {
            return ProcessHandle.of(1)
                    .flatMap(init -> init.info().startInstant())
                    .map(start -> "init-started-" + start.toEpochMilli());
        } catch (SecurityException | UnsupportedOperationException unavailable) {
            return Optional.empty();
        }
    }

    static void write(Path directory, Saved saved) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeUTF(saved.bootId());
            out.writeLong(saved.txnId());
            out.writeInt(saved.pageSize());
            out.writeInt(saved.metaPages().length);
            out.write(saved.metaPages());
        }
        CRC32 crc = new CRC32();
        crc.update(bytes.toByteArray());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(crc.getValue());
        }
        Path temporary = directory.resolve(NAME + ".tmp");
        try (FileChannel channel = FileChannel.open(
                temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(bytes.toByteArray()));
            channel.force(true);
        }
        Files.move(
                temporary,
                directory.resolve(NAME),
                StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** The checkpoint, or empty when there is none or it is damaged (said in the log). */
    static Optional<Saved> read(Path directory) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(directory.resolve(NAME));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
        if (bytes.length < Long.BYTES) {
            LOG.warn("Ignoring the damaged checkpoint of {}", directory);
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC) {
                throw new IOException("not a checkpoint");
            }
            String boot = in.readUTF();
            long txn = in.readLong();
            int pageSize = in.readInt();
            byte[] meta = new byte[in.readInt()];
            in.readFully(meta);
            if (in.readLong() != crc.getValue() || meta.length != 2 * pageSize) {
                throw new IOException("checksum mismatch");
            }
            return Optional.of(new Saved(boot, txn, pageSize, meta));
        } catch (IOException damaged) {
            LOG.warn("Ignoring the damaged checkpoint of {} ({})", directory, damaged.getMessage());
            return Optional.empty();
        }
    }
}
