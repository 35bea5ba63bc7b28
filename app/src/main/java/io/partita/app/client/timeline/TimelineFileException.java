package io.partita.app.client.timeline;

/** A file that is not a timeline, is broken or is cut short: names the line and what was expected there. */
public final class TimelineFileException extends IllegalArgumentException {
    private final int line;

    public TimelineFileException(int line, String expected) {
        super("Line " + line + ": expected " + expected);
        this.line = line;
    }

    /** The line, counted from 1. */
    public int line() {
        return line;
    }
}
