package io.partita.broker.log;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One process per data directory, as Kafka's {@code .lock} in each log directory: a node's LMDB environment, or a
 * local cluster's directory, opened by two processes at once would be two brokers writing one log. The lock is
 * the operating system's ({@link FileChannel#tryLock()}), so a process that dies, even by SIGKILL, releases it,
 * and a stale file never keeps a directory locked. The holder may describe itself in the file (its pid, where it
 * listens), so whoever finds the directory locked can say who holds it.
 */
public final class DirectoryLock implements AutoCloseable {
    public static final String FILE_NAME = ".lock";

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code directory} (created if missing) for this process.
     *
     * @throws DirectoryLockedException when another process, or another owner in this one, holds it
     */
    public static DirectoryLock acquire(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel =
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            Map<String, String> holder = read(channel);
            channel.close();
            throw new DirectoryLockedException(directory, holder);
        }
        DirectoryLock acquired = new DirectoryLock(directory, channel, lock);
        acquired.describe(Map.of("pid", Long.toString(ProcessHandle.current().pid())));
        return acquired;
    }

    public Path directory() {
        return directory;
    }

    /** Replaces what the lock file says about its holder (key=value lines, read by a process that finds it held). */
    public void describe(Map<String, String> holder) {
        Properties properties = new Properties();
        properties.putAll(holder);
        StringWriter text = new StringWriter();
        try {
            properties.store(text, null);
            byte[] bytes = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(bytes), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + directory.resolve(FILE_NAME), e);
        }
    }

    private static Map<String, String> read(FileChannel channel) {
        try {
            long size = Math.min(channel.size(), 64 * 1024);
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
                // read on
            }
            Properties properties = new Properties();
            properties.load(
                    new StringReader(new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1)));
            Map<String, String> holder = new TreeMap<>();
            properties.stringPropertyNames().forEach(name -> holder.put(name, properties.getProperty(name)));
            return holder;
        } catch (IOException | IllegalArgumentException unreadable) {
            return Map.of(); // the holder is mid-write, or the file is not ours: it is still held
        }
    }

    /** Releases the lock; the file stays (as Kafka's), empty of its holder's description. */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } finally {
            channel.close();
        }
    }
}
