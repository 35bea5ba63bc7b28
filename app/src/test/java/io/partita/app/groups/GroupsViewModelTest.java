package io.partita.app.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.groups.GroupInfo;
import io.partita.app.client.groups.GroupMember;
import io.partita.app.client.groups.PartitionLag;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GroupsViewModelTest {
    private static final GroupMember C1 = new GroupMember("c1-uuid", "", "c1", "/127.0.0.1");
    private static final GroupMember C2 = new GroupMember("c2-uuid", "web-2", "c2", "/10.0.0.2");
    private static final GroupInfo BILLING = new GroupInfo(
            "billing",
            "Stable",
            List.of(C1),
            List.of(
                    new PartitionLag("orders", 0, 4, 10, "c1-uuid"),
                    new PartitionLag("orders", 1, PartitionLag.NO_COMMIT, 7, "")));
    private static final GroupInfo AUDIT =
            new GroupInfo("audit", "Empty", List.of(), List.of(new PartitionLag("orders", 0, 10, 10, "")));

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final GroupsViewModel model = new GroupsViewModel(new ClusterGateway(Runnable::run).groups(), now::get);

    @Test
    void lagIsWhatIsLeftToReadWhereTheGroupHasCommitted() {
        assertThat(BILLING.partitions().get(0).lag()).hasValue(6);
        assertThat(BILLING.partitions().get(1).lag()).isEmpty();
        assertThat(BILLING.totalLag()).isEqualTo(6);
        assertThat(AUDIT.totalLag()).isZero();
        assertThat(AUDIT.isEmpty()).isTrue();
        assertThat(BILLING.isEmpty()).isFalse();
    }

    @Test
    void theFirstGroupIsShownUntilAnotherIsChosenAndTheChoiceSurvivesRefreshes() {
        model.apply(List.of(AUDIT, BILLING));
        assertThat(model.selectedProperty().get()).isEqualTo("audit");
        assertThat(model.partitions()).containsExactlyElementsOf(AUDIT.partitions());
        assertThat(model.members()).isEmpty();

        model.selectedProperty().set("billing");
        assertThat(model.partitions()).containsExactlyElementsOf(BILLING.partitions());
        assertThat(model.members()).containsExactly(C1);
        model.apply(List.of(
                AUDIT,
                new GroupInfo(
                        "billing", "Stable", List.of(C1), List.of(new PartitionLag("orders", 0, 9, 10, "c1-uuid")))));
        assertThat(model.selectedProperty().get()).isEqualTo("billing");
        assertThat(model.partitions()).extracting(PartitionLag::committed).containsExactly(9L);

        model.apply(List.of(AUDIT));
        assertThat(model.selectedProperty().get()).isEqualTo("audit");
    }

    @Test
    void membersKeepTheirColourWhenAnotherJoinsAndOwnersAreNamedByClientAndHost() {
        model.apply(List.of(BILLING));
        int first = model.ownerSlot("c1-uuid");
        assertThat(first).isZero();
        assertThat(model.ownerLabel("c1-uuid")).isEqualTo("c1 @ 127.0.0.1");
        assertThat(model.ownerLabel("")).isEqualTo("none");

        model.apply(List.of(new GroupInfo("billing", "Stable", List.of(C2, C1), BILLING.partitions())));
        assertThat(model.ownerSlot("c1-uuid")).isEqualTo(first);
        assertThat(model.ownerSlot("c2-uuid")).isEqualTo(1);
        assertThat(model.ownerSlot("nobody")).isEqualTo(-1);
    }

    @Test
    void everyRefreshAddsALagSampleToTheSelectedGroupsLine() {
        model.apply(List.of(BILLING));
        now.addAndGet(2_000);
        model.apply(List.of(new GroupInfo(
                "billing", "Stable", List.of(C1), List.of(new PartitionLag("orders", 0, 8, 10, "c1-uuid")))));
        assertThat(model.lagSamples()).containsExactly(new LagSample(1_000_000, 6), new LagSample(1_002_000, 2));

        // Fifteen minutes on, the first samples have left the window.
        now.addAndGet(LagHistory.WINDOW.toMillis());
        model.apply(List.of(BILLING));
        assertThat(model.lagSamples())
                .containsExactly(
                        new LagSample(1_002_000, 2), new LagSample(1_002_000 + LagHistory.WINDOW.toMillis(), 6));
    }
}
