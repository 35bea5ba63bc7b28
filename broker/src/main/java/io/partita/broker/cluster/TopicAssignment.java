package io.partita.broker.cluster;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The content of /partita/topics/&lt;name&gt;: the topic id and each partition's replica list (preferred leader first). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TopicAssignment(
        @JsonProperty("topic_id") String topicId,
        @JsonProperty("partitions") Map<Integer, List<Integer>> partitions) {

    public TopicAssignment {
        partitions = new TreeMap<>(partitions);
    }

    public int partitionCount() {
        return partitions.size();
    }

    public List<Integer> replicas(int partition) {
        return partitions.getOrDefault(partition, List.of());
    }
}
