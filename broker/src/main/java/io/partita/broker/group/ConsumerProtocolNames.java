package io.partita.broker.group;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;

/** What the coordinator reads of the consumer protocol's opaque member metadata: the subscribed topics. */
final class ConsumerProtocolNames {
    static final String TYPE = ConsumerProtocol.PROTOCOL_TYPE;

    private ConsumerProtocolNames() {}

    /** The topics of a subscription; none if the metadata cannot be read (a client of another protocol). */
    static List<String> topics(byte[] metadata) {
        if (metadata == null || metadata.length == 0) {
            return List.of();
        }
        try {
            return ConsumerProtocol.deserializeConsumerProtocolSubscription(ByteBuffer.wrap(metadata))
                    .topics();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
