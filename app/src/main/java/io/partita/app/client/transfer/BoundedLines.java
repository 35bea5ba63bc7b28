package io.partita.app.client.transfer;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * The lines of a text stream, as {@link java.io.BufferedReader#readLine()} gives them (ended by {@code \n},
 * {@code \r\n} or {@code \r}), except that a line longer than a limit is refused instead of read into memory
 * whole: a file that is one endless line (a binary file, a JSON array on one line) must not exhaust the heap.
 */
final class BoundedLines implements Closeable {
    /** Thrown for a line longer than the limit; the stream stays positioned inside that line. */
    static final class LineTooLongException extends IOException {
        LineTooLongException(int limit) {
            super("longer than " + limit + " characters");
        }
    }

    private final Reader in;
    private final int limit;
    private final char[] buffer = new char[8192];
    private int position;
    private int end;
    private boolean skipLineFeed;

    BoundedLines(Reader in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean any = false;
        while (true) {
            if (position == end) {
                end = in.read(buffer, 0, buffer.length);
                position = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? line.toString() : null;
                }
            }
            if (skipLineFeed) {
                skipLineFeed = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            any = true;
            int start = position;
            while (position < end && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            if (line.length() + (position - start) > limit) {
                throw new LineTooLongException(limit);
            }
            line.append(buffer, start, position - start);
            if (position < end) {
                skipLineFeed = buffer[position] == '\r';
                position++;
                return line.toString();
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
