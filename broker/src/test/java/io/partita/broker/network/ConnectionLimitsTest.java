package io.partita.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.partita.broker.config.BrokerConfig;
import io.partita.broker.testing.Clients;
import io.partita.broker.testing.RawConnection;
import io.partita.broker.testing.TestCluster;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bounded memory per connection, and Kafka's connection limits: max.connections, max.connections.per.ip and
 * connections.max.idle.ms.
 */
@Tag("integration")
class ConnectionLimitsTest {
    private static final int RECORD_BYTES = 900_000;
    private static final long DIRECT_MEMORY_BOUND = 32L << 20;

    /**
     * A client pipelines 2,000 fetches of about 1 MB answers each and never reads one: the node answers the first,
     * finds the answers are not leaving, and takes no further request from it until they do. Its direct memory
     * stays bounded, and another client keeps producing meanwhile. Measured here: a peak of 2.6 MB above the level
     * before; 1.13 GB within 10 s when the pause did not look at writability (the answers piled up unread).
     */
    @Test
    void aClientThatNeverReadsCannotMakeTheNodeHoldItsAnswers() throws Exception {
        try (TestCluster cluster = TestCluster.start(1, Map.of());
                KafkaProducer<String, String> producer = Clients.producer(
                        cluster.bootstrap(), Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000))) {
            for (int i = 0; i < 8; i++) {
                producer.send(new ProducerRecord<>("big", 0, null, "x".repeat(RECORD_BYTES)))
                        .get();
            }
            long before = usedDirectMemory();
            int port = cluster.cluster().nodes().get(0).port();
            AtomicLong peak = new AtomicLong();
            try (Socket hostile = new Socket()) {
                hostile.setReceiveBufferSize(4096); // and never read: its window closes after a few KB
                hostile.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                Thread sender = new Thread(() -> sendFetches(hostile, 2_000), "never-reads");
                sender.setDaemon(true);
                sender.start();

                AtomicInteger acknowledged = new AtomicInteger();
                long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                int sent = 0;
                while (System.nanoTime() < end) {
                    peak.accumulateAndGet(usedDirectMemory() - before, Math::max);
                    producer.send(
                            new ProducerRecord<>("small", 0, null, "still served " + sent++), (metadata, error) -> {
                                if (error == null) {
                                    acknowledged.incrementAndGet();
                                }
                            });
                    Thread.sleep(10); // the sampling period of the memory measurement, not a wait for a condition
                }
                producer.flush();
                assertThat(acknowledged.get())
                        .as("records of the other client acknowledged")
                        .isEqualTo(sent);
            }
            assertThat(peak.get())
                    .as("the node's direct memory above its level before, at its peak")
                    .isLessThan(DIRECT_MEMORY_BOUND);
        }
    }

    /** Writes fetches for the 1 MB partition as fast as the node takes them; ends when the socket is closed. */
    private static void sendFetches(Socket socket, int count) {
        FetchRequest.PartitionData data =
                new FetchRequest.PartitionData(Uuid.ZERO_UUID, 0, 0, 1_000_000, Optional.empty());
        FetchRequest request = FetchRequest.Builder.forConsumer(
                        (short) 12, 0, 1, Map.of(new TopicPartition("big", 0), data))
                .setMaxBytes(1_000_000)
                .build((short) 12);
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
            for (int i = 1; i <= count; i++) {
                byte[] frame = RawConnection.serialize(request, i);
                out.writeInt(frame.length);
                out.write(frame);
            }
            out.flush();
        } catch (IOException closedByTheTest) {
            // the test is over
        }
    }

    /** Netty's direct memory (answers being written) and the JDK's direct buffers (fetched record data). */
    private static long usedDirectMemory() {
        long jdk = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct"))
                .mapToLong(BufferPoolMXBean::getMemoryUsed)
                .sum();
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT)
                        .metric()
                        .usedDirectMemory()
                + jdk;
    }

    @Test
    void connectionsPastMaxConnectionsPerIpAreClosed() throws Exception {
        try (TestCluster cluster = TestCluster.start(1, Map.of(BrokerConfig.MAX_CONNECTIONS_PER_IP, "3"))) {
            int port = cluster.cluster().nodes().get(0).port();
            List<RawConnection> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawConnection connection = new RawConnection("127.0.0.1", port, 5_000);
                    open.add(connection);
                    assertThat(apiVersions(connection)).isTrue();
                }
                try (RawConnection fourth = new RawConnection("127.0.0.1", port, 5_000)) {
                    assertThat(fourth.isClosedByServer()).isTrue();
                }
                open.remove(0).close();
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    try (RawConnection again = new RawConnection("127.0.0.1", port, 2_000)) {
                        return apiVersions(again);
                    }
                });
            } finally {
                for (RawConnection connection : open) {
                    connection.close();
                }
            }
        }
    }

    /**
     * Clients past max.connections wait, however they arrive: here two open together, which the listener may
     * accept in one batch (it then holds the second, unread) or leave in the backlog. Each close lets one in.
     * This failed about one run in seven on a busy machine when the limit was counted on the network threads.
     */
    @Test
    void atMaxConnectionsANewClientWaitsUntilOneCloses() throws Exception {
        try (TestCluster cluster = TestCluster.start(1, Map.of(BrokerConfig.MAX_CONNECTIONS, "2"))) {
            int port = cluster.cluster().nodes().get(0).port();
            try (RawConnection first = new RawConnection("127.0.0.1", port, 5_000);
                    RawConnection second = connectedAfter(first, port)) {
                assertThat(apiVersions(second)).isTrue();
                try (RawConnection third = new RawConnection("127.0.0.1", port, 10_000);
                        RawConnection fourth = new RawConnection("127.0.0.1", port, 10_000)) {
                    RequestHeader thirdAsks = third.send(new ApiVersionsRequest.Builder().build((short) 3));
                    RequestHeader fourthAsks = fourth.send(new ApiVersionsRequest.Builder().build((short) 3));
                    assertThat(third.readFrameWithin(Duration.ofSeconds(1))).isNull();
                    assertThat(fourth.readFrameWithin(Duration.ofMillis(200))).isNull();

                    first.close();
                    ApiVersionsResponse answer = third.receive(thirdAsks);
                    assertThat(answer.data().errorCode()).isZero();
                    assertThat(fourth.readFrameWithin(Duration.ofMillis(500)))
                            .as("the fourth, while the node holds two again")
                            .isNull();

                    second.close();
                    assertThat(fourth.<ApiVersionsResponse>receive(fourthAsks)
                                    .data()
                                    .errorCode())
                            .isZero();
                }
            }
        }
    }

    /**
     * A connection opened once {@code earlier} is served: the node counts a connection when it accepts it, and
     * sockets opened together may all be accepted in one go, before the limit is seen (as in Kafka, the limit
     * stops accepting; it does not close what was accepted).
     */
    private static RawConnection connectedAfter(RawConnection earlier, int port) throws IOException {
        assertThat(apiVersions(earlier)).isTrue();
        return new RawConnection("127.0.0.1", port, 5_000);
    }

    @Test
    void anIdleConnectionIsClosedAndABusyOneIsNot() throws Exception {
        try (TestCluster cluster = TestCluster.start(1, Map.of(BrokerConfig.CONNECTIONS_MAX_IDLE_MS, "700"));
                RawConnection idle = new RawConnection(
                        "127.0.0.1", cluster.cluster().nodes().get(0).port(), 5_000);
                RawConnection busy = new RawConnection(
                        "127.0.0.1", cluster.cluster().nodes().get(0).port(), 5_000)) {
            assertThat(apiVersions(idle)).isTrue();
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end) {
                assertThat(apiVersions(busy)).isTrue();
                Thread.sleep(200); // the client's own pace: a request every 200 ms keeps it busy
            }
            assertThat(idle.isClosedByServer()).isTrue();
        }
    }

    private static boolean apiVersions(RawConnection connection) throws IOException {
        RequestHeader header = connection.send(new ApiVersionsRequest.Builder().build((short) 3));
        ApiVersionsResponse response = connection.receive(header);
        return response.data().errorCode() == 0;
    }
}
