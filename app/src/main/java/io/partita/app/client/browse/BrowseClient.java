package io.partita.app.client.browse;

import io.partita.app.client.core.ClientSession;
import io.partita.app.client.core.PerConnection;
import io.partita.app.client.records.BrowsePage;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.MessagePage;
import io.partita.app.client.records.PagePositions;
import io.partita.app.client.records.StartAt;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The message browser's reads: pages of one partition or of several merged by time, searches and live tails,
 * each on the connection's consumer ({@link MessageReader}) or, for a tail, a consumer of its own.
 */
public final class BrowseClient {
    private final ClientSession session;
    private final PerConnection<MessageReader> reader;

    public BrowseClient(ClientSession session) {
        this.session = session;
        this.reader = new PerConnection<>(session, MessageReader::new);
    }

    /** The connection's consumer for the browser's reads (replays and exports read with it too); null when closed. */
    public MessageReader reader() {
        return reader.get();
    }

    /** Up to {@code limit} records of a partition from {@code start} on. */
    public CompletableFuture<MessagePage> readMessages(String topic, int partition, StartAt start, int limit) {
        MessageReader r = reader();
        return r == null ? session.notConnected() : session.toUi(r.read(topic, partition, start, limit));
    }

    /** Up to {@code limit} records just before offset {@code before}: the previous page. */
    public CompletableFuture<MessagePage> readMessagesBefore(String topic, int partition, long before, int limit) {
        MessageReader r = reader();
        return r == null ? session.notConnected() : session.toUi(r.readBefore(topic, partition, before, limit));
    }

    /**
     * A page of up to {@code limit} records across {@code partitions}, merged by timestamp (ties by partition, then
     * offset), each partition read from the same {@code start}.
     */
    public CompletableFuture<BrowsePage> readMessages(
            String topic, List<Integer> partitions, StartAt start, int limit) {
        MessageReader r = reader();
        return r == null ? session.notConnected() : session.toUi(r.readAll(topic, partitions, start, limit));
    }

    /** The page of up to {@code limit} records from each partition's position on (Newer). */
    public CompletableFuture<BrowsePage> readMessagesFrom(String topic, PagePositions from, int limit) {
        MessageReader r = reader();
        return r == null ? session.notConnected() : session.toUi(r.readAllFrom(topic, from, limit));
    }

    /** The page of up to {@code limit} records just before each partition's position (Older). */
    public CompletableFuture<BrowsePage> readMessagesBefore(String topic, PagePositions before, int limit) {
        MessageReader r = reader();
        return r == null ? session.notConnected() : session.toUi(r.readAllBefore(topic, before, limit));
    }

    /**
     * Starts a search on its own thread and returns its handle at once; {@code found} (batches of matches) and
     * {@code progress} are called on the ui executor, and the handle's {@code done()} completes there too.
     */
    public SearchControl search(SearchPlan plan, Consumer<SearchProgress> progress, Consumer<List<Message>> found) {
        SearchControl control = new SearchControl();
        MessageReader r = reader();
        if (r == null) {
            control.finish(SearchProgress.refused("Not connected to a cluster"));
            return control;
        }
        ClientSession.startThread("partita-search", () -> {
            var last = new Searcher(
                            r,
                            plan,
                            control,
                            p -> session.ui().execute(() -> progress.accept(p)),
                            m -> session.ui().execute(() -> found.accept(m)))
                    .search();
            session.ui().execute(() -> control.finish(last));
        });
        return control;
    }

    /**
     * Starts a live tail of {@code partitions} (from their end, with a consumer of its own) and returns its handle
     * at once; {@code arrived} hears new records on the ui executor. Disconnecting stops it.
     */
    public FollowControl follow(String topic, List<Integer> partitions, Consumer<List<Message>> arrived) {
        FollowControl control = new FollowControl();
        Properties client = session.clientProperties();
        if (client == null) {
            IllegalStateException refused = new IllegalStateException("Not connected to a cluster");
            control.listening().completeExceptionally(refused);
            control.stopped().completeExceptionally(refused);
            return control;
        }
        Follower follower = new Follower(
                client, topic, partitions, control, m -> session.ui().execute(() -> arrived.accept(m)), session.ui());
        Runnable stop = follower::stop;
        session.stopOnDisconnect(stop);
        ClientSession.startThread("partita-tail", () -> {
            try {
                follower.run();
            } finally {
                session.forget(stop);
            }
        });
        return control;
    }

    /** Ends a read that waits for records; it completes with what it has read so far. */
    public void cancelRead() {
        MessageReader r = reader.peek();
        if (r != null) {
            r.cancel();
        }
    }
}
