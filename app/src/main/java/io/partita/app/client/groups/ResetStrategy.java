package io.partita.app.client.groups;

/** Where a reset moves a group's committed offsets to. */
public enum ResetStrategy {
    EARLIEST("Earliest", "log start: the oldest record kept"),
    LATEST("Latest", "log end: skip all not read yet"),
    SPECIFIC_OFFSET("Specific offset", "kept within log start … log end"),
    TIMESTAMP("Date and time", "first record at or after it, else log end");

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
