package io.partita.broker.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.broker.testing.ApacheKafka;
import io.partita.broker.testing.RawConnection;
import io.partita.broker.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.SaslAuthenticateRequest;
import org.apache.kafka.common.requests.SaslHandshakeRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SaslHandshake and SaslAuthenticate on a PLAINTEXT listener are answered as Apache Kafka 4.4 answers them there,
 * every version, on one connection that stays open: the same responses, judged side by side with a real Kafka node.
 * Before, the node closed the connection, and a client configured for SASL retried against it without saying why.
 */
@Tag("integration")
class SaslOnPlaintextTest {
    private static TestCluster partita;
    private static ApacheKafka kafka;
    private static Path kafkaDir;

    @BeforeAll
    static void start() throws Exception {
        partita = TestCluster.start(1, Map.of());
        kafkaDir = Files.createTempDirectory("partita-sasl-kafka-");
        kafka = ApacheKafka.start(kafkaDir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (partita != null) {
            partita.close();
        }
    }

    @Test
    void saslRequestsGetKafkasAnswersAndTheConnectionStaysOpen() throws Exception {
        List<String> fromKafka = exchange(kafka.plaintextBootstrap());
        List<String> fromPartita = exchange(partita.bootstrap());
        assertThat(fromKafka)
                .as("Kafka's answers (what the test compares against)")
                .anyMatch(answer -> answer.contains("errorCode=" + Errors.ILLEGAL_SASL_STATE.code()));
        assertThat(fromPartita).isEqualTo(fromKafka);
    }

    /** Each version of both requests on one connection, then ApiVersions: the answers as comparable text. */
    private static List<String> exchange(String bootstrap) throws Exception {
        String[] hostPort = bootstrap.split(":");
        List<String> answers = new ArrayList<>();
        try (RawConnection raw = new RawConnection(hostPort[0], Integer.parseInt(hostPort[1]), 10_000)) {
            for (short v = ApiKeys.SASL_HANDSHAKE.oldestVersion(); v <= ApiKeys.SASL_HANDSHAKE.latestVersion(); v++) {
                answers.add(roundTrip(
                        raw,
                        new SaslHandshakeRequest.Builder(new SaslHandshakeRequestData().setMechanism("PLAIN"))
                                .build(v)));
            }
            for (short v = ApiKeys.SASL_AUTHENTICATE.oldestVersion();
                    v <= ApiKeys.SASL_AUTHENTICATE.latestVersion();
                    v++) {
                answers.add(roundTrip(
                        raw,
                        new SaslAuthenticateRequest.Builder(
                                        new SaslAuthenticateRequestData().setAuthBytes(new byte[] {0, 'u', 0, 'p'}))
                                .build(v)));
            }
            RequestHeader header = raw.send(new ApiVersionsRequest.Builder().build((short) 3));
            ApiVersionsResponse versions = raw.receive(header);
            for (ApiKeys key : List.of(ApiKeys.SASL_HANDSHAKE, ApiKeys.SASL_AUTHENTICATE)) {
                ApiVersion range = versions.data().apiKeys().find(key.id);
                answers.add(
                        key + " advertised " + (range == null ? "no" : range.minVersion() + "-" + range.maxVersion()));
            }
        }
        return answers;
    }

    private static String roundTrip(RawConnection raw, AbstractRequest request) throws Exception {
        RequestHeader header = raw.send(request);
        AbstractResponse response = raw.receive(header);
        return request.apiKey() + " v" + request.version() + ": " + response.data();
    }
}
