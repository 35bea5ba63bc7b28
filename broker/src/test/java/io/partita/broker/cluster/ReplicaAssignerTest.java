package io.partita.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.junit.jupiter.api.Test;

class ReplicaAssignerTest {

    @Test
    void leadersAndReplicasSpreadEvenlyWithoutRacks() {
        for (int start = 0; start < 3; start++) {
            Map<Integer, List<Integer>> assignment = ReplicaAssigner.assign(List.of(0, 1, 2), 0, 6, 3, start, start);
            assertThat(assignment).hasSize(6);
            assertThat(leaderCounts(assignment)).containsOnly(Map.entry(0, 2), Map.entry(1, 2), Map.entry(2, 2));
            assignment
                    .values()
                    .forEach(replicas -> assertThat(new HashSet<>(replicas)).hasSize(3));
        }
    }

    @Test
    void everyPartitionSpansAsManyRacksAsItHasReplicas() {
        Map<Integer, String> racks = new TreeMap<>(Map.of(0, "a", 1, "a", 2, "b", 3, "b", 4, "c", 5, "c"));
        for (int start = 0; start < 6; start++) {
            for (int shift = 0; shift < 6; shift++) {
                Map<Integer, List<Integer>> assignment = ReplicaAssigner.assignRackAware(racks, 0, 12, 3, start, shift);
                assertThat(assignment).hasSize(12);
                assignment.values().forEach(replicas -> {
                    assertThat(new HashSet<>(replicas)).hasSize(3);
                    Set<String> used = new HashSet<>();
                    replicas.forEach(r -> used.add(racks.get(r)));
                    assertThat(used).containsExactlyInAnyOrder("a", "b", "c");
                });
                assertThat(leaderCounts(assignment).values()).containsOnly(2);
            }
        }
    }

    @Test
    void moreReplicasThanRacksStillUseEveryRackAndDistinctBrokers() {
        Map<Integer, String> racks = Map.of(0, "a", 1, "a", 2, "b", 3, "b");
        Map<Integer, List<Integer>> assignment = ReplicaAssigner.assignRackAware(racks, 0, 8, 3, 1, 2);
        assignment.values().forEach(replicas -> {
            assertThat(new HashSet<>(replicas)).hasSize(3);
            assertThat(replicas.stream().map(racks::get).distinct()).hasSize(2);
        });
    }

    @Test
    void refusesMixedRackInformationAndTooManyReplicas() {
        Map<Integer, String> mixed = new HashMap<>();
        mixed.put(0, "a");
        mixed.put(1, null);
        assertThatThrownBy(() -> ReplicaAssigner.assign(mixed, 0, 1, 1))
                .isInstanceOf(InvalidReplicaAssignmentException.class);
        assertThatThrownBy(() -> ReplicaAssigner.assign(Map.of(0, "a"), 0, 1, 2))
                .isInstanceOf(InvalidReplicationFactorException.class);
    }

    private static Map<Integer, Integer> leaderCounts(Map<Integer, List<Integer>> assignment) {
        Map<Integer, Integer> counts = new TreeMap<>();
        assignment.values().forEach(replicas -> counts.merge(replicas.get(0), 1, Integer::sum));
        return counts;
    }
}
