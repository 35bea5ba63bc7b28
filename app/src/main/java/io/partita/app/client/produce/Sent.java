package io.partita.app.client.produce;

/**
 * A line of the produce window's list of what was sent: one record, or a whole generated batch (one line for
 * 10,000 records, so the list stays short and cheap).
 */
public sealed interface Sent permits Delivery, BatchProgress {

    /** The text of the list's line. */
    String line();

    /** Everything there is to say, for the line's tooltip. */
    default String details() {
        return line();
    }

    /** The record that "Show" opens in the browser, or null when nothing landed. */
    Delivery first();
}
