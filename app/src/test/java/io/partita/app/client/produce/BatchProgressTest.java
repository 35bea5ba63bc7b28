package io.partita.app.client.produce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchProgressTest {

    @Test
    void saysHowFarWhileRunningAndWhereItLandedAtTheEnd() {
        BatchProgress running =
                new BatchProgress("orders", 200, 120, List.of(), BatchProgress.State.RUNNING, 1200, null);
        assertThat(running.summary()).isEqualTo("120 of 200 sent");
        assertThat(running.fraction()).isEqualTo(0.6);

        BatchProgress done = new BatchProgress(
                "orders",
                200,
                200,
                List.of(new BatchProgress.Span(0, 10, 109, 100), new BatchProgress.Span(2, 0, 99, 100)),
                BatchProgress.State.DONE,
                2000,
                null);
        assertThat(done.summary())
                .isEqualTo(
                        "Done: 200 of 200 sent in 2.0 s (100.0 records/s); partition 0 offsets 10–109, partition 2 offsets 0–99");
        assertThat(done.line())
                .isEqualTo("Batch to orders. Done: 200 of 200 sent in 2.0 s (100.0 records/s) to 2 partitions");
        assertThat(done.details()).isEqualTo("Batch to orders. " + done.summary());
        assertThat(done.first()).isEqualTo(new Delivery("orders", 0, 10, -1));
        assertThat(done.fraction()).isEqualTo(1);
    }

    @Test
    void aCancelledOrRefusedBatchSaysSo() {
        BatchProgress cancelled = new BatchProgress(
                "slow",
                1000,
                25,
                List.of(new BatchProgress.Span(0, 0, 24, 25)),
                BatchProgress.State.CANCELLED,
                1250,
                null);
        assertThat(cancelled.summary())
                .isEqualTo("Cancelled: 25 of 1000 sent in 1.3 s (20.0 records/s); partition 0 offsets 0–24");
        assertThat(cancelled.line()).endsWith(" to partition 0");

        BatchProgress refused = BatchProgress.refused("gone", 10, "Topic gone does not exist. Nothing was sent.");
        assertThat(refused.summary())
                .isEqualTo("Stopped: 0 of 10 sent in 0.0 s (0.0 records/s). Topic gone does not "
                        + "exist. Nothing was sent.");
        assertThat(refused.first()).as("nothing to show").isNull();
    }
}
