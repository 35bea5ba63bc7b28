package io.partita.app.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.groups.GroupInfo;
import io.partita.app.client.groups.GroupMember;
import io.partita.app.client.groups.PartitionLag;
import io.partita.app.client.groups.PartitionOffsets;
import io.partita.app.client.groups.ResetPlanner;
import io.partita.app.client.groups.ResetRequest;
import io.partita.app.client.groups.ResetRow;
import io.partita.app.client.groups.ResetStrategy;
import io.partita.app.client.records.Moments;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResetPlannerTest {
    /** orders-0: 100..200 committed 150, 20 records at or after the asked time from 180; orders-1: 0..10 none. */
    private static final List<PartitionOffsets> OFFSETS = List.of(
            new PartitionOffsets("orders", 1, 4, 0, 10, PartitionOffsets.NONE),
            new PartitionOffsets("orders", 0, 150, 100, 200, 180),
            new PartitionOffsets("audit", 0, PartitionLag.NO_COMMIT, 0, 3, 1));

    private static List<ResetRow> plan(ResetStrategy strategy, long offset, String topic) {
        return ResetPlanner.plan(new ResetRequest(strategy, offset, 0, topic), OFFSETS);
    }

    @Test
    void earliestAndLatestAreTheLogsEnds() {
        assertThat(plan(ResetStrategy.EARLIEST, 0, null))
                .containsExactly(
                        new ResetRow("audit", 0, PartitionLag.NO_COMMIT, 0),
                        new ResetRow("orders", 0, 150, 100),
                        new ResetRow("orders", 1, 4, 0));
        assertThat(plan(ResetStrategy.LATEST, 0, "orders"))
                .extracting(ResetRow::target)
                .containsExactly(200L, 10L);
    }

    @Test
    void aSpecificOffsetIsKeptWithinTheLog() {
        assertThat(plan(ResetStrategy.SPECIFIC_OFFSET, 7, "orders"))
                .extracting(ResetRow::target)
                .containsExactly(100L, 7L);
        assertThat(plan(ResetStrategy.SPECIFIC_OFFSET, 5_000, "orders"))
                .extracting(ResetRow::target)
                .containsExactly(200L, 10L);
    }

    @Test
    void aTimeIsTheFirstOffsetAtOrAfterItOrTheLogEnd() {
        assertThat(plan(ResetStrategy.TIMESTAMP, 0, "orders"))
                .extracting(ResetRow::target)
                .containsExactly(180L, 10L);
    }

    @Test
    void theChangeSaysHowFarAndWhichWay() {
        ResetRow rewind = new ResetRow("orders", 0, 4, 0);
        assertThat(rewind.change()).isEqualTo(-4);
        assertThat(rewind.describeChange()).isEqualTo("−4 (re-read)");
        assertThat(new ResetRow("orders", 0, 4, 10).describeChange()).isEqualTo("+6 (skip)");
        assertThat(new ResetRow("orders", 0, 4, 4).describeChange()).isEqualTo("none");
        assertThat(new ResetRow("orders", 0, PartitionLag.NO_COMMIT, 4).describeChange())
                .isEqualTo("new commit");
    }

    @Test
    void momentsAreReadInTheUsersZoneOrWithTheirOwnOffset() {
        ZoneId utc = ZoneOffset.UTC;
        long expected = 1_764_106_200_000L; // 2025-11-25T21:30:00Z
        assertThat(Moments.parse("2025-11-25 21:30", utc)).hasValue(expected);
        assertThat(Moments.parse("2025-11-25T21:30:00", utc)).hasValue(expected);
        assertThat(Moments.parse(" 2025-11-25 22:30:00 ", ZoneOffset.ofHours(1)))
                .hasValue(expected);
        assertThat(Moments.parse("2025-11-25T22:30:00+01:00", utc)).hasValue(expected);
        assertThat(Moments.parse("1764106200000", utc)).hasValue(expected);
        assertThat(Moments.parse("2025-11-25", utc)).hasValue(expected - (21 * 60 + 30) * 60_000L);
        assertThat(Moments.parse("yesterday", utc)).isEmpty();
        assertThat(Moments.parse("2025-13-40 10:00", utc)).isEmpty();
        assertThat(Moments.parse("", utc)).isEmpty();
    }

    @Test
    void theFormRefusesAnActiveGroupAndBadInputAndForgetsAPreviewWhenItChanges() {
        ClusterGateway offline = new ClusterGateway(Runnable::run);
        GroupInfo active = new GroupInfo(
                "billing",
                "Stable",
                List.of(new GroupMember("m1", "", "c1", "/127.0.0.1")),
                List.of(new PartitionLag("orders", 0, 4, 10, "m1")));
        ResetOffsetsViewModel refused = new ResetOffsetsViewModel(offline.groups(), active, () -> {}, ZoneOffset.UTC);
        assertThat(refused.refusal())
                .contains("has 1 active member (state Stable)")
                .contains("only while the group is Empty");
        assertThat(refused.canPreviewProperty().get()).isFalse();

        GroupInfo empty =
                new GroupInfo("billing", "Empty", List.of(), List.of(new PartitionLag("orders", 0, 4, 10, "")));
        ResetOffsetsViewModel form = new ResetOffsetsViewModel(offline.groups(), empty, () -> {}, ZoneOffset.UTC);
        assertThat(form.refusal()).isEmpty();
        assertThat(form.canPreviewProperty().get()).isTrue();
        form.strategyProperty().set(ResetStrategy.SPECIFIC_OFFSET);
        form.offsetTextProperty().set("-3");
        assertThat(form.validationProperty().get()).startsWith("Type an offset");
        assertThat(form.canPreviewProperty().get()).isFalse();
        form.offsetTextProperty().set("7");
        assertThat(form.request())
                .isEqualTo(new ResetRequest(
                        ResetStrategy.SPECIFIC_OFFSET, 7, form.request().timestampMillis(), null));
        form.strategyProperty().set(ResetStrategy.TIMESTAMP);
        form.momentTextProperty().set("soon");
        assertThat(form.validationProperty().get()).startsWith("Type a date and time");

        // Not connected: the preview fails with a message, and nothing can be applied.
        form.momentTextProperty().set("2025-11-25 21:30");
        form.previewReset().join();
        assertThat(form.errorProperty().get()).isEqualTo("Could not preview the reset: Not connected to a cluster");
        assertThat(form.canApplyProperty().get()).isFalse();
        form.previewReset().join();
        form.topicProperty().set("orders");
        assertThat(form.errorProperty().get())
                .as("a change clears the last outcome")
                .isEmpty();
    }
}
