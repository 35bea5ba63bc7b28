package io.partita.app.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.groups.PartitionLag;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OwnerPaletteTest {

    @Test
    void newcomersTakeTheLowestFreeColourAndStayersKeepTheirs() {
        OwnerPalette palette = new OwnerPalette();
        assertThat(palette.assign(List.of("a", "b", "c"))).isEqualTo(Map.of("a", 0, "b", 1, "c", 2));
        // b leaves, d joins: d takes b's colour, a and c are not repainted.
        assertThat(palette.assign(List.of("a", "c", "d"))).isEqualTo(Map.of("a", 0, "c", 2, "d", 1));
        assertThat(palette.slotOf("b")).isEqualTo(-1);
        assertThat(palette.assign(List.of())).isEmpty();
    }

    @Test
    void beyondThePaletteColoursRepeatAndEveryClassExists() {
        OwnerPalette palette = new OwnerPalette();
        Map<String, Integer> slots =
                palette.assign(IntStream.range(0, 10).mapToObj(i -> "m" + i).toList());
        assertThat(slots.values()).allMatch(s -> s >= 0 && s < OwnerPalette.SIZE);
        assertThat(IntStream.range(0, 8).mapToObj(i -> slots.get("m" + i))).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(OwnerPalette.styleClass(3)).isEqualTo("owner-3");
        assertThat(OwnerPalette.styleClass(-1)).isEqualTo("owner-none");
    }

    @Test
    void theCommittedMarkerSitsWhereTheOffsetIsOnTheAxis() {
        assertThat(OffsetAxis.of(new PartitionLag("t", 0, 0, 4, 10, "")).committedAt())
                .isEqualTo(0.4);
        assertThat(OffsetAxis.of(new PartitionLag("t", 0, 100, 150, 200, "")).committedAt())
                .isEqualTo(0.5);
        assertThat(OffsetAxis.of(new PartitionLag("t", 0, 0, 10, 10, "")).committedAt())
                .as("caught up")
                .isEqualTo(1);
        assertThat(OffsetAxis.of(new PartitionLag("t", 0, 5, 5, 5, "")).committedAt())
                .as("empty log")
                .isEqualTo(1);
        assertThat(OffsetAxis.of(new PartitionLag("t", 0, 50, 20, 100, "")).committedAt())
                .as("below log start")
                .isZero();
        assertThat(OffsetAxis.of(new PartitionLag("t", 0, 0, 30, 10, "")).committedAt())
                .as("past log end")
                .isEqualTo(1);
        assertThat(OffsetAxis.of(new PartitionLag("t", 0, 0, PartitionLag.NO_COMMIT, 10, ""))
                        .hasCommit())
                .isFalse();
        assertThat(OffsetAxis.describe(new PartitionLag("t", 0, 0, 4, 10, "")))
                .isEqualTo("offsets 0–10 · committed 4 · lag 6");
        assertThat(OffsetAxis.describe(new PartitionLag("t", 0, 0, PartitionLag.NO_COMMIT, 10, "")))
                .isEqualTo("offsets 0–10 · no commit yet");
    }
}
