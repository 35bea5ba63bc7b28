package io.partita.app.client.topics;

import java.util.List;

/**
 * What the detail pane shows of one topic.
 *
 * @param configsError why the configs could not be read (e.g. not authorized), or "" when {@code configs} is it
 */
public record TopicDetail(
        String name,
        boolean internal,
        List<PartitionDetail> partitions,
        List<TopicConfig> configs,
        String configsError) {
    public TopicDetail {
        partitions = List.copyOf(partitions);
        configs = List.copyOf(configs);
    }

    public int replicationFactor() {
        return partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
    }
}
