package io.partita.app.client.replay;

import static io.partita.app.client.core.ClientSession.API_TIMEOUT_MS;

import io.partita.app.client.browse.BrowseClient;
import io.partita.app.client.browse.MessageReader;
import io.partita.app.client.core.ClientSession;
import io.partita.app.client.core.ClusterErrors;
import io.partita.app.client.core.Failures;
import io.partita.app.client.produce.MessageWriter;
import io.partita.app.client.produce.ProduceClient;
import io.partita.app.client.records.Message;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Replays: records read from one or more partitions, in time order at a chosen speed, into the app or to a
 * topic, each replay on a thread of its own. A replay to a topic checks first that the topic exists.
 */
public final class ReplayClient {
    private final ClientSession session;
    private final BrowseClient browse;
    private final ProduceClient produce;

    /** Reads with the browser's consumer and sends with the producer of {@code browse} and {@code produce}. */
    public ReplayClient(ClientSession session, BrowseClient browse, ProduceClient produce) {
        this.session = session;
        this.browse = browse;
        this.produce = produce;
    }

    /**
     * Starts a replay on its own thread and returns its handle at once; {@code progress} and {@code shown} (for
     * a replay into the app) are called on the ui executor, and the handle's {@code done()} completes there too.
     * A replay to a topic checks first that the topic exists, so it never creates one.
     */
    public ReplayControl replay(ReplayPlan plan, Consumer<ReplayProgress> progress, Consumer<Message> shown) {
        ReplayControl control = new ReplayControl();
        MessageReader r = browse.reader();
        MessageWriter w = produce.writer();
        Admin a = session.admin();
        if (r == null || w == null || a == null) {
            control.finish(ReplayProgress.refused("Not connected to a cluster"));
            return control;
        }
        ClientSession.startThread("partita-replay", () -> {
            if (plan.target() instanceof ReplayPlan.ToTopic to) {
                try {
                    a.describeTopics(List.of(to.topic())).allTopicNames().get(API_TIMEOUT_MS, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    String why = Failures.rootCause(e) instanceof UnknownTopicOrPartitionException
                            ? "Topic " + to.topic() + " does not exist. Nothing was sent."
                            : Failures.describe(ClusterErrors.explain(e));
                    session.ui().execute(() -> control.finish(ReplayProgress.refused(why)));
                    return;
                }
            }
            new Replayer(
                            r,
                            w,
                            plan,
                            control,
                            p -> session.ui().execute(() -> progress.accept(p)),
                            m -> session.ui().execute(() -> shown.accept(m)),
                            last -> session.ui().execute(() -> control.finish(last)))
                    .run();
        });
        return control;
    }
}
