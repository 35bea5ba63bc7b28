package io.partita.broker.replication;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Time;

/**
 * The replica fetchers of one node, one per leader node it follows (Kafka's {@code ReplicaFetcherManager}
 * with num.replica.fetchers=1). A leader that comes back at a new address gets a new fetcher.
 */
final class ReplicaFetchers implements AutoCloseable {
    private final int localBrokerId;
    private final ReplicationSettings settings;
    private final Time time;
    private final Map<Integer, ReplicaFetcher> byLeader = new HashMap<>();

    ReplicaFetchers(int localBrokerId, ReplicationSettings settings, Time time) {
        this.localBrokerId = localBrokerId;
        this.settings = settings;
        this.time = time;
    }

    /** Follows {@code partition} from {@code leaderId} at host:port, leaving any other fetcher of it. */
    synchronized void follow(Partition partition, int leaderEpoch, int leaderId, String host, int port) {
        TopicPartition tp = partition.topicPartition();
        for (Map.Entry<Integer, ReplicaFetcher> entry : byLeader.entrySet()) {
            if (entry.getKey() != leaderId) {
                entry.getValue().removePartitions(List.of(tp));
            }
        }
        ReplicaFetcher fetcher = byLeader.get(leaderId);
        if (fetcher != null && (!fetcher.host().equals(host) || fetcher.port() != port)) {
            // The leader restarted elsewhere. Its other partitions move to the new fetcher as the same
            // metadata pass reaches them (every pass calls follow for every followed partition).
            fetcher.close();
            byLeader.remove(leaderId);
            fetcher = null;
        }
        if (fetcher == null) {
            fetcher = new ReplicaFetcher(localBrokerId, leaderId, host, port, settings, time);
            byLeader.put(leaderId, fetcher);
            fetcher.start();
        }
        fetcher.addPartition(partition, leaderEpoch);
    }

    /** Stops following; when this returns no fetcher appends to these partitions any more. */
    synchronized void stopFollowing(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        for (ReplicaFetcher fetcher : byLeader.values()) {
            fetcher.removePartitions(partitions);
        }
    }

    /** Closes fetchers that follow nothing any more. */
    synchronized void closeIdle() {
        byLeader.values().removeIf(fetcher -> {
            if (fetcher.partitions().isEmpty()) {
                fetcher.close();
                return true;
            }
            return false;
        });
    }

    @Override
    public synchronized void close() {
        byLeader.values().forEach(ReplicaFetcher::close);
        byLeader.clear();
    }
}
