package io.partita.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.log.EpochEntry;
import io.partita.broker.replication.EpochEndOffsets.EpochEnd;
import io.partita.broker.replication.EpochEndOffsets.Truncation;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochEndOffsetsTest {
    /** Epoch 1 from 0, epoch 3 from 40, epoch 4 from 70; log end 100. */
    private static final List<EpochEntry> EPOCHS =
            List.of(new EpochEntry(1, 0), new EpochEntry(3, 40), new EpochEntry(4, 70));

    @Test
    void anEpochEndsWhereTheNextStartsAndTheLatestAtTheLogEnd() {
        assertThat(EpochEndOffsets.endOffsetFor(EPOCHS, 1, 100)).isEqualTo(new EpochEnd(1, 40));
        assertThat(EpochEndOffsets.endOffsetFor(EPOCHS, 3, 100)).isEqualTo(new EpochEnd(3, 70));
        assertThat(EpochEndOffsets.endOffsetFor(EPOCHS, 4, 100)).isEqualTo(new EpochEnd(4, 100));
        assertThat(EpochEndOffsets.endOffsetFor(EPOCHS, 9, 100)).isEqualTo(new EpochEnd(4, 100));
    }

    @Test
    void anEpochTheLogNeverHadAnswersWithTheLargestEarlierOne() {
        assertThat(EpochEndOffsets.endOffsetFor(EPOCHS, 2, 100)).isEqualTo(new EpochEnd(1, 40));
    }

    @Test
    void anEpochOlderThanTheLogIsUndefined() {
        assertThat(EpochEndOffsets.endOffsetFor(EPOCHS, 0, 100)).isEqualTo(EpochEnd.UNDEFINED);
        assertThat(EpochEndOffsets.endOffsetFor(List.of(), 5, 100)).isEqualTo(EpochEnd.UNDEFINED);
    }

    @Test
    void aFollowerAheadInTheSameEpochTruncatesToTheLeadersEnd() {
        // Leader's epoch 4 ends at 90; the follower wrote up to 100 in epoch 4 (it was the old leader).
        Truncation truncation = EpochEndOffsets.truncationFor(new EpochEnd(4, 90), EPOCHS, 100, 60);
        assertThat(truncation).isEqualTo(new Truncation(90, true));
    }

    @Test
    void aFollowerBehindKeepsItsLog() {
        assertThat(EpochEndOffsets.truncationFor(new EpochEnd(4, 150), EPOCHS, 100, 60))
                .isEqualTo(new Truncation(100, true));
    }

    @Test
    void aLeaderWithoutTheFollowersEpochMakesItTruncateToWhereThatOlderEpochEndsThenAskAgain() {
        // The follower asked about epoch 4; the leader never had it and answers epoch 3 up to 75.
        // The follower's epoch 3 ends at 70 (where its epoch 4 starts): cut there, then ask about epoch 3.
        assertThat(EpochEndOffsets.truncationFor(new EpochEnd(3, 75), EPOCHS, 100, 60))
                .isEqualTo(new Truncation(70, true));
        // The leader answers epoch 2 (which the follower never had: its largest at or below is 1).
        assertThat(EpochEndOffsets.truncationFor(new EpochEnd(2, 50), EPOCHS, 100, 60))
                .isEqualTo(new Truncation(40, false));
    }

    @Test
    void aLeaderThatKnowsNoEpochsLeavesOnlyTheCommittedPart() {
        assertThat(EpochEndOffsets.truncationFor(EpochEnd.UNDEFINED, EPOCHS, 100, 60))
                .isEqualTo(new Truncation(60, true));
        assertThat(EpochEndOffsets.truncationFor(new EpochEnd(-1, 80), EPOCHS, 100, 60))
                .isEqualTo(new Truncation(80, true));
    }
}
