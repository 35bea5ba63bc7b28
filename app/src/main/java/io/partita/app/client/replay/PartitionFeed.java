package io.partita.app.client.replay;

import io.partita.app.client.browse.MessageReader;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessagePage;
import io.partita.app.client.records.ReplayRange;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * One partition's records in a replay's range, in offset order, read a small page at a time through the reader
 * (so a merge of many partitions holds a page of each, not the partitions). Runs on the replay's thread; a read
 * that fails is thrown as a {@link CompletionException} around its cause, for the replay to report.
 */
final class PartitionFeed implements Iterator<Message> {
    private final MessageReader reader;
    private final String topic;
    private final ReplayRange range;
    private final int page;
    private final Deque<Message> buffer = new ArrayDeque<>();
    private long next;
    private boolean exhausted;

    PartitionFeed(MessageReader reader, String topic, ReplayRange range, int page) {
        this.reader = reader;
        this.topic = topic;
        this.range = range;
        this.page = page;
        this.next = range.from();
        this.exhausted = range.isEmpty();
    }

    @Override
    public boolean hasNext() {
        while (buffer.isEmpty() && !exhausted) {
            fill();
        }
        return !buffer.isEmpty();
    }

    @Override
    public Message next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffer.poll();
    }

    private void fill() {
        MessagePage read;
        try {
            read = reader.readSpan(range, topic, next, page).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
        for (Message m : read.messages()) {
            if (m.offset() < range.until()) {
                buffer.add(m);
            }
        }
        // No progress (records deleted under the replay, or a read that timed out): this partition is done.
        exhausted = read.next() >= range.until() || read.next() <= next;
        next = read.next();
    }
}
