package io.partita.app.client.groups;

/** One line of a reset preview: a partition, the group's committed offset now, and where the reset puts it. */
public record ResetRow(String topic, int partition, long current, long target) {

    public boolean hasCurrent() {
        return current != PartitionLag.NO_COMMIT;
    }

    /** How far the reset moves the offset: negative rewinds (records are read again), positive skips. */
    public long change() {
        return hasCurrent() ? target - current : 0;
    }

    /** The change as a person reads it: "−4 (re-read)", "+6 (skip)", "none" or "new". */
    public String describeChange() {
        if (!hasCurrent()) {
            return "new commit";
        }
        long change = change();
        if (change == 0) {
            return "none";
        }
        return change < 0 ? "−" + -change + " (re-read)" : "+" + change + " (skip)";
    }
}
