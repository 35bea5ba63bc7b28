package io.partita.app.groups;

/** Where a reset moves a group's committed offsets to. */
public enum ResetStrategy {
    EARLIEST("Earliest", "the oldest record still kept (log start)"),
    LATEST("Latest", "the log end: skip everything not yet read"),
    SPECIFIC_OFFSET("Specific offset", "one offset on every partition, kept within log start and log end"),
    TIMESTAMP("Date and time", "the first record at or after a moment; log end where there is none");

    private final String title;
    private final String explanation;

    ResetStrategy(String title, String explanation) {
        this.title = title;
        this.explanation = explanation;
    }

    public String title() {
        return title;
    }

    public String explanation() {
        return explanation;
    }
}
