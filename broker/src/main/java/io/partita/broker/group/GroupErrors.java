package io.partita.broker.group;

import io.partita.broker.common.Futures;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.protocol.Errors;

/** How a failed write to __consumer_offsets is reported to group clients: Kafka's mapping. */
final class GroupErrors {
    private GroupErrors() {}

    /**
     * @param commit an offset commit (a too-large batch then is INVALID_COMMIT_OFFSET_SIZE)
     */
    static Errors forWrite(Throwable error, boolean commit) {
        Throwable cause = Futures.unwrap(error);
        Errors code = Errors.forException(cause);
        return switch (code) {
            case UNKNOWN_TOPIC_OR_PARTITION, NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT ->
                Errors.COORDINATOR_NOT_AVAILABLE;
            case NOT_LEADER_OR_FOLLOWER, KAFKA_STORAGE_ERROR, FENCED_LEADER_EPOCH -> Errors.NOT_COORDINATOR;
            case MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE, INVALID_FETCH_SIZE ->
                commit ? Errors.INVALID_COMMIT_OFFSET_SIZE : Errors.UNKNOWN_SERVER_ERROR;
            case NONE -> Errors.UNKNOWN_SERVER_ERROR;
            default -> code.exception() instanceof RetriableException ? Errors.COORDINATOR_NOT_AVAILABLE : code;
        };
    }
}
