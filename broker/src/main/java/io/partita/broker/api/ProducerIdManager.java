package io.partita.broker.api;

import io.partita.broker.cluster.ClusterStore;
import io.partita.broker.cluster.ProducerIdBlock;

/** Hands out producer ids from blocks claimed in ZooKeeper, so ids are unique across the cluster. */
public final class ProducerIdManager {
    private final int brokerId;
    private final ClusterStore store;
    private ProducerIdBlock block;
    private long next;

    public ProducerIdManager(int brokerId, ClusterStore store) {
        this.brokerId = brokerId;
        this.store = store;
    }

    /** Blocking when a new block must be claimed: call from the io executor. */
    public synchronized long nextProducerId() throws Exception {
        if (block == null || next > block.blockEnd()) {
            block = store.allocateProducerIdBlock(brokerId);
            next = block.blockStart();
        }
        return next++;
    }
}
