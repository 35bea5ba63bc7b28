package io.partita.broker.cluster;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.kafka.common.TopicPartition;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's only way to write: a ZooKeeper transaction that first checks the version of
 * /partita/controller_epoch, so a controller that has been superseded can write nothing. Used on the
 * controller's event thread only.
 */
final class FencedWriter {
    private static final Logger LOG = LoggerFactory.getLogger(FencedWriter.class);

    private final CuratorFramework client;
    private volatile int epochZkVersion = -1;

    FencedWriter(CuratorFramework client) {
        this.client = client;
    }

    void fenceWith(int epochZkVersion) {
        this.epochZkVersion = epochZkVersion;
    }

    CuratorFramework client() {
        return client;
    }

    /** A partition-state update conditional on the version the decision was made on. */
    CuratorOp setState(TopicPartition tp, PartitionState state, int expectedZkVersion) throws Exception {
        return client.transactionOp()
                .setData()
                .withVersion(expectedZkVersion)
                .forPath(ZkPaths.partitionState(tp.topic(), tp.partition()), Json.write(state));
    }

    /** A topic-assignment update conditional on the version the decision was made on. */
    CuratorOp setTopic(String topic, TopicAssignment assignment, int expectedZkVersion) throws Exception {
        return client.transactionOp()
                .setData()
                .withVersion(expectedZkVersion)
                .forPath(ZkPaths.topic(topic), Json.write(assignment));
    }

    /**
     * The answer to an admin request: the request znode must still be as its node created it (version 0), so a
     * request is answered at most once, even by a reconcile that ran on a snapshot from before the first answer,
     * and not at all once its node withdrew it.
     */
    CuratorOp answer(String requestPath, Object answered) throws Exception {
        return client.transactionOp().setData().withVersion(0).forPath(requestPath, Json.write(answered));
    }

    /**
     * Writes all or nothing. Throws {@link FencedException} when the epoch moved on, and the KeeperException
     * of the first failing operation otherwise (a stale version: the next snapshot brings a new reconcile).
     */
    void write(List<CuratorOp> ops) throws Exception {
        List<CuratorOp> fenced = new ArrayList<>(ops.size() + 1);
        fenced.add(client.transactionOp().check().withVersion(epochZkVersion).forPath(ZkPaths.CONTROLLER_EPOCH));
        fenced.addAll(ops);
        try {
            var results = client.transaction().forOperations(fenced);
            if (LOG.isTraceEnabled()) {
                LOG.trace("Controller wrote {}", results);
            }
        } catch (KeeperException e) {
            // A multi-op reports the first failing op; if it is the epoch check, we have been deposed.
            List<OpResult> results = e.getResults();
            if (results != null
                    && !results.isEmpty()
                    && results.get(0) instanceof OpResult.ErrorResult error
                    && error.getErr() != 0) {
                throw new FencedException();
            }
            throw e;
        }
    }

    /** Thrown when the controller epoch moved on: this node must stop acting as controller. */
    static final class FencedException extends RuntimeException {
        FencedException() {
            super(null, null, false, false);
        }
    }
}
