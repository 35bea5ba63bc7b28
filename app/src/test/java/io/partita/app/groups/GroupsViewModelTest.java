package io.partita.app.groups;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.connection.ClusterGateway;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupsViewModelTest {
    private static final GroupInfo BILLING = new GroupInfo("billing", "Stable", 2, List.of(
            new PartitionLag("orders", 0, 4, 10, "c1 (/127.0.0.1)"),
            new PartitionLag("orders", 1, PartitionLag.NO_COMMIT, 7, "")));
    private static final GroupInfo AUDIT = new GroupInfo("audit", "Empty", 0, List.of(
            new PartitionLag("orders", 0, 10, 10, "")));

    @Test
    void lagIsWhatIsLeftToReadWhereTheGroupHasCommitted() {
        assertThat(BILLING.partitions().get(0).lag()).hasValue(6);
        assertThat(BILLING.partitions().get(1).lag()).isEmpty();
        assertThat(BILLING.totalLag()).isEqualTo(6);
        assertThat(AUDIT.totalLag()).isZero();
    }

    @Test
    void theFirstGroupIsShownUntilAnotherIsChosenAndTheChoiceSurvivesRefreshes() {
        GroupsViewModel model = new GroupsViewModel(new ClusterGateway(Runnable::run));
        model.apply(List.of(AUDIT, BILLING));
        assertThat(model.selectedProperty().get()).isEqualTo("audit");
        assertThat(model.partitions()).containsExactlyElementsOf(AUDIT.partitions());

        model.selectedProperty().set("billing");
        assertThat(model.partitions()).containsExactlyElementsOf(BILLING.partitions());
        model.apply(List.of(AUDIT, new GroupInfo("billing", "Stable", 2, List.of(
                new PartitionLag("orders", 0, 9, 10, "c1 (/127.0.0.1)")))));
        assertThat(model.selectedProperty().get()).isEqualTo("billing");
        assertThat(model.partitions()).extracting(PartitionLag::committed).containsExactly(9L);

        model.apply(List.of(AUDIT));
        assertThat(model.selectedProperty().get()).isEqualTo("audit");
    }
}
