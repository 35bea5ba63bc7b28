package io.partita.app.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class ClusterErrorsTest {

    @Test
    void anUnansweredCallSaysTheClusterDoesNotAnswerOnceNotPerView() {
        Throwable explained = ClusterErrors.explain(new CompletionException(
                new TimeoutException("Timed out waiting for a node assignment. Call: describeCluster")));
        assertThat(explained).isInstanceOf(ClusterUnreachableException.class);
        assertThat(Failures.problem("Could not list topics", explained))
                .isEqualTo("The cluster does not answer: no broker responded in time. It may be down or unreachable.");
    }

    @Test
    void refusedCredentialsAndDeniedRequestsSaySo() {
        assertThat(Failures.problem(
                        "Could not list topics",
                        ClusterErrors.explain(new SaslAuthenticationException("Invalid username or password"))))
                .isEqualTo("Could not list topics: The cluster refused the credentials: Invalid username or password");
        assertThat(ClusterErrors.explain(new TopicAuthorizationException("Not authorized to access topics: [a]")))
                .hasMessage("The cluster denied this request: Not authorized to access topics: [a]");
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        IllegalStateException other = new IllegalStateException("Not connected to a cluster");
        assertThat(ClusterErrors.explain(other)).isSameAs(other);
    }
}
