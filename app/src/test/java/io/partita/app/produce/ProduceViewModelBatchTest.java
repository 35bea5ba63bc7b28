package io.partita.app.produce;

import static org.assertj.core.api.Assertions.assertThat;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.produce.ProduceInput;
import java.time.ZoneOffset;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A wrong batch form says what is wrong and sends nothing; no toolkit and no cluster needed to see it. */
class ProduceViewModelBatchTest {
    private ClusterGateway gateway;
    private ProduceViewModel form;

    @BeforeEach
    void aBatchFormOnATopic() {
        gateway = new ClusterGateway(Runnable::run); // not connected: anything that got through would be refused
        form = new ProduceViewModel(
                gateway.produce(), FXCollections.observableArrayList("t"), name -> 3, ZoneOffset.UTC);
        form.topicProperty().set("t");
        form.batchProperty().set(true);
    }

    @AfterEach
    void close() {
        gateway.close();
    }

    @Test
    void anUnknownPlaceholderIsNamedAndNothingStarts() {
        form.headersProperty().set("trace: {{uuid}}\nid: {{sequence}}");
        form.send();
        assertThat(form.errorProperty().get())
                .isEqualTo(
                        "Header id: unknown placeholder {{sequence}}. Known: {{seq}}, {{uuid}}, {{now}}, {{random:A-B}}.");
        assertNothingStarted();
    }

    @Test
    void aValueThatIsNotJsonAtTheFirstRecordStopsBeforeSending() {
        form.valueKindProperty().set(ProduceInput.ValueKind.JSON);
        form.valueProperty().set("{\"n\": {{seq}}");
        form.send();
        assertThat(form.errorProperty().get())
                .startsWith("Record 1 of the batch ({{seq}} = 0): The value is not valid JSON");
        assertNothingStarted();
    }

    @Test
    void countRateAndFirstSeqAreChecked() {
        form.batchCountProperty().set("0");
        form.send();
        assertThat(form.errorProperty().get())
                .isEqualTo("The batch size must be a whole number from 1 to 1000000, not \"0\".");
        form.batchCountProperty().set("1,000");
        form.batchRateProperty().set("fast");
        form.send();
        assertThat(form.errorProperty().get())
                .isEqualTo(
                        "The rate must be a number of records a second above 0 (empty: as fast as possible), not \"fast\".");
        form.batchRateProperty().set("");
        form.batchFirstSeqProperty().set("-1");
        form.send();
        assertThat(form.errorProperty().get()).startsWith("The first {{seq}} must be a whole number from 0 to ");
        assertNothingStarted();
    }

    @Test
    void aFileValueNeedsAFileName() {
        form.valueKindProperty().set(ProduceInput.ValueKind.FILE);
        form.send();
        assertThat(form.errorProperty().get()).isEqualTo("Choose the file whose bytes are the value (Browse…).");
        assertNothingStarted();
    }

    @Test
    void aGoodFormWithoutAConnectionEndsWithAClearLineAndTheFormUsable() {
        form.keyProperty().set("k-{{seq}}");
        form.valueProperty().set("v {{random:1-6}}");
        form.send();
        assertThat(form.errorProperty().get()).isEqualTo("Batch not sent: Not connected to a cluster");
        assertNothingStarted();
    }

    private void assertNothingStarted() {
        assertThat(form.sent()).isEmpty();
        assertThat(form.batchRunningProperty().get()).isFalse();
        assertThat(form.sendingProperty().get()).as("Send stays usable").isFalse();
    }
}
