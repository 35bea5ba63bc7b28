package io.partita.app.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicNameValidatorTest {

    @Test
    void acceptsKafkaLegalNames() {
        for (String name : List.of("orders", "payments.v1", "clicks-eu_2024", "a", "A.b-C_d", "x".repeat(249))) {
            assertThat(TopicNameValidator.problem(name, List.of())).as(name).isEmpty();
        }
    }

    @Test
    void explainsWhatIsWrong() {
        assertThat(TopicNameValidator.problem("", List.of())).contains("Enter a topic name.");
        assertThat(TopicNameValidator.problem(".", List.of()))
                .hasValueSatisfying(m -> assertThat(m).contains("\".\""));
        assertThat(TopicNameValidator.problem("..", List.of())).isPresent();
        assertThat(TopicNameValidator.problem("x".repeat(250), List.of()))
                .hasValueSatisfying(m -> assertThat(m).contains("at most 249").contains("250"));
        assertThat(TopicNameValidator.problem("bad name!", List.of()))
                .hasValueSatisfying(m -> assertThat(m)
                        .contains("letters, digits")
                        .contains("space")
                        .contains("'!'"));
        assertThat(TopicNameValidator.problem("ünïcode", List.of()))
                .hasValueSatisfying(m -> assertThat(m).contains("'ü'").contains("'ï'"));
    }

    @Test
    void refusesDuplicatesAndDotUnderscoreCollisions() {
        assertThat(TopicNameValidator.problem("orders", List.of("orders")))
                .hasValueSatisfying(m -> assertThat(m).contains("already exists"));
        assertThat(TopicNameValidator.problem("metrics_eu", List.of("metrics.eu")))
                .hasValueSatisfying(m -> assertThat(m).contains("collides").contains("metrics.eu"));
        assertThat(TopicNameValidator.problem("orders2", List.of("orders"))).isEmpty();
    }
}
