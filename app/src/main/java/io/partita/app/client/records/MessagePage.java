package io.partita.app.client.records;

import java.util.List;

/**
 * Consecutive records of one partition, as read for the browser.
 *
 * @param from     the offset the read started at
 * @param next     the offset after the last record read (where the next page starts)
 * @param logStart the partition's log start when read
 * @param logEnd   the partition's end (high watermark) when read
 */
public record MessagePage(
        String topic, int partition, long from, long next, long logStart, long logEnd, List<Message> messages) {
    public MessagePage {
        messages = List.copyOf(messages);
    }

    /** Whether older records come before this page. */
    public boolean hasPrevious() {
        return from > logStart;
    }

    /** Whether records after this page were in the partition when it was read. */
    public boolean hasNext() {
        return next < logEnd;
    }
}
