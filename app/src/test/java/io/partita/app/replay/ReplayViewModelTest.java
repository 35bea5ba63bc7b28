package io.partita.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.records.ReplayRange;
import io.partita.app.client.records.StopAt;
import io.partita.app.client.replay.ReplayPosition;
import io.partita.app.client.replay.ReplayProgress;
import io.partita.app.common.StartChoice;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The replay form's range and the axes it draws, without a cluster (nothing here reaches one). */
class ReplayViewModelTest {
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);
    private final ReplayViewModel model =
            new ReplayViewModel(gateway.replay(), FXCollections.observableArrayList("t"), topic -> 20, ZoneOffset.UTC);

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void stopsAtAnOffsetATimeOrTheEnd() {
        model.topicProperty().set("t");
        assertThat(model.plan().until()).isEqualTo(new StopAt.End());
        assertThat(model.plan().partitions()).hasSize(20);
        model.untilInputProperty().set("150");
        assertThat(model.plan().until()).isEqualTo(new StopAt.Offset(150));
        model.untilKindProperty().set(ReplayViewModel.UntilChoice.TIME);
        model.untilInputProperty().set("2026-11-25 14:30");
        assertThat(model.plan().until()).isEqualTo(new StopAt.Time(1_795_617_000_000L));
        model.untilInputProperty().set("  ");
        assertThat(model.plan().until()).as("empty: the end, whatever the kind").isEqualTo(new StopAt.End());
    }

    @Test
    void refusesARangeThatEndsBeforeItStartsAndATimeItCannotRead() {
        model.topicProperty().set("t");
        model.fromProperty().set(StartChoice.OFFSET);
        model.fromInputProperty().set("100");
        model.untilInputProperty().set("100");
        assertThatThrownBy(model::plan).hasMessage("The range is empty: offset 100 is not after the start (100).");
        model.fromProperty().set(StartChoice.TIME);
        model.fromInputProperty().set("2026-11-25 14:30");
        model.untilKindProperty().set(ReplayViewModel.UntilChoice.TIME);
        model.untilInputProperty().set("2026-11-25 14:00");
        assertThatThrownBy(model::plan).hasMessage("The range is empty: the stop time is not after the start time.");
        model.untilInputProperty().set("half past two");
        assertThatThrownBy(model::plan).hasMessageStartingWith("\"half past two\" is not a time");
        model.start();
        assertThat(model.errorProperty().get()).startsWith("\"half past two\" is not a time");
        assertThat(model.runningProperty().get()).isFalse();
    }

    @Test
    void drawsTheFirstTwelveAxesAndCountsTheRestMovingOnlyTheCursorsThatMoved() {
        List<ReplayPosition> positions = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            positions.add(new ReplayPosition(new ReplayRange(p, 0, 100, 10, 90), -1));
        }
        model.show(progress(positions));
        assertThat(model.axes())
                .hasSize(12)
                .extracting(ReplayPosition::partition)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(model.axesHiddenProperty().get()).isEqualTo(8);

        List<String> changes = new ArrayList<>();
        model.axes().addListener((javafx.collections.ListChangeListener<ReplayPosition>) c -> {
            while (c.next()) {
                changes.add(c.getFrom() + (c.wasReplaced() ? " replaced" : " other"));
            }
        });
        positions.set(3, new ReplayPosition(positions.get(3).range(), 42));
        model.show(progress(positions));
        assertThat(changes).containsExactly("3 replaced");
        assertThat(model.axes().get(3).at()).isEqualTo(42);

        assertThat(model.statusProperty().get())
                .as("before the first record")
                .isEqualTo("Starting: 0 of 0 matching records delivered (0 read) in 0.0 s");

        model.show(ReplayProgress.refused("no"));
        assertThat(model.axes()).as("a refusal keeps what was drawn").hasSize(12);
    }

    private static ReplayProgress progress(List<ReplayPosition> positions) {
        return new ReplayProgress(0, 0, 0, -1, -1, ReplayProgress.State.RUNNING, 0, null, positions);
    }
}
