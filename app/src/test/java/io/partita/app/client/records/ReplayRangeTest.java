package io.partita.app.client.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.replay.ReplayPosition;
import org.junit.jupiter.api.Test;

/** Resolving a replay's range in one partition (log 100–200), for each kind of start and stop. */
class ReplayRangeTest {
    private static ReplayRange range(StartAt start, StopAt stop, long forStartTime, long forStopTime) {
        return ReplayRange.resolve(3, start, stop, 100, 200, forStartTime, forStopTime);
    }

    @Test
    void fromAnOffsetToAnOffsetATimeOrTheEnd() {
        assertThat(range(new StartAt.Offset(120), new StopAt.Offset(150), -1, -1))
                .isEqualTo(new ReplayRange(3, 100, 200, 120, 150));
        assertThat(range(new StartAt.Offset(120), new StopAt.Time(1_000), -1, 170))
                .isEqualTo(new ReplayRange(3, 100, 200, 120, 170));
        assertThat(range(new StartAt.Offset(120), new StopAt.End(), -1, -1))
                .isEqualTo(new ReplayRange(3, 100, 200, 120, 200));
    }

    @Test
    void fromATimeToAnOffsetATimeOrTheEnd() {
        assertThat(range(new StartAt.Time(500), new StopAt.Offset(150), 130, -1))
                .isEqualTo(new ReplayRange(3, 100, 200, 130, 150));
        assertThat(range(new StartAt.Time(500), new StopAt.Time(900), 130, 160))
                .isEqualTo(new ReplayRange(3, 100, 200, 130, 160));
        assertThat(range(new StartAt.Time(500), new StopAt.End(), 130, -1))
                .isEqualTo(new ReplayRange(3, 100, 200, 130, 200));
    }

    @Test
    void aStopTimeLaterThanEveryRecordIsTheEnd() {
        assertThat(range(new StartAt.Earliest(), new StopAt.Time(9_999), -1, -1))
                .isEqualTo(new ReplayRange(3, 100, 200, 100, 200));
    }

    @Test
    void aPartitionWithNothingInRangeIsEmptyNotAnError() {
        assertThat(range(new StartAt.Time(500), new StopAt.Time(900), -1, -1).isEmpty())
                .as("every record is older than the start")
                .isTrue();
        assertThat(range(new StartAt.Time(500), new StopAt.Time(900), 150, 150).isEmpty())
                .as("no record between the two times")
                .isTrue();
        assertThat(range(new StartAt.Offset(500), new StopAt.End(), -1, -1))
                .as("a start past this partition's end")
                .isEqualTo(new ReplayRange(3, 100, 200, 200, 200));
        assertThat(range(new StartAt.Offset(150), new StopAt.Offset(120), -1, -1)
                        .length())
                .as("a stop before the start")
                .isZero();
        assertThat(range(new StartAt.Offset(150), new StopAt.Offset(120), -1, -1)
                        .isEmpty())
                .isTrue();
    }

    @Test
    void offsetsOutsideTheLogArePinnedToIt() {
        assertThat(range(new StartAt.Offset(10), new StopAt.Offset(5_000), -1, -1))
                .as("deleted below the start, a stop past the end")
                .isEqualTo(new ReplayRange(3, 100, 200, 100, 200));
    }

    @Test
    void theCursorAndTheScale() {
        ReplayRange r = new ReplayRange(0, 100, 200, 120, 170);
        assertThat(new ReplayPosition(r, -1).handled()).isZero();
        assertThat(new ReplayPosition(r, 129).handled()).isEqualTo(10);
        assertThat(new ReplayPosition(r, 129).describe()).isEqualTo("log 100–199 · range 120–169 · at 129");
        assertThat(r.scale().at(150)).isEqualTo(0.5);
        assertThat(r.scale().at(10)).isZero();
        assertThat(r.scale().at(900)).isEqualTo(1);
        assertThat(new OffsetScale(5, 5).at(5)).as("an empty log").isEqualTo(1);
        assertThat(OffsetScale.markerX(10, 100, 0, 4))
                .as("kept inside at the left")
                .isEqualTo(10);
        assertThat(OffsetScale.markerX(10, 100, 1, 4))
                .as("kept inside at the right")
                .isEqualTo(106);
        assertThat(OffsetScale.markerX(10, 100, 0.5, 4)).isEqualTo(58);
    }
}
