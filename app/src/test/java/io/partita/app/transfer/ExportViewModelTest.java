package io.partita.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partita.app.client.ClusterGateway;
import io.partita.app.client.records.Message;
import io.partita.app.client.records.StartAt;
import io.partita.app.client.transfer.ExportPlan;
import io.partita.app.common.StartChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportViewModelTest {
    private final ClusterGateway gateway = new ClusterGateway(Runnable::run);
    private final StringProperty folder = new SimpleStringProperty("");

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        gateway.close();
    }

    private ExportViewModel form() {
        return new ExportViewModel(
                gateway.transfer(),
                FXCollections.observableArrayList("a", "b"),
                name -> name.equals("a") ? 3 : 1,
                ZoneOffset.UTC,
                folder,
                List.of());
    }

    @Test
    void allPartitionsOrOneFromAStartToAStop() {
        ExportViewModel form = form();
        form.topicProperty().set("a");
        assertThat(form.partitionChoices()).containsExactly(ExportViewModel.ALL_PARTITIONS, "0", "1", "2");
        assertThat(form.plan())
                .isEqualTo(new ExportPlan("a", List.of(0, 1, 2), new StartAt.Earliest(), new StartAt.Latest()));

        form.partitionProperty().set("1");
        form.fromProperty().set(StartChoice.OFFSET);
        form.fromInputProperty().set("10");
        form.stopProperty().set(ExportViewModel.StopChoice.TIME);
        form.stopInputProperty().set("2026-11-25 14:30");
        assertThat(form.plan())
                .isEqualTo(
                        new ExportPlan("a", List.of(1), new StartAt.Offset(10), new StartAt.Time(1_795_617_000_000L)));
        assertThat(form.suggestedName()).isEqualTo("a-1.jsonl");
    }

    @Test
    void aWrongFormSaysWhatIsWrongAndStartsNothing() {
        ExportViewModel form = form();
        assertThatThrownBy(form::plan).hasMessage("Choose the topic to export.");
        form.topicProperty().set("a");
        form.fromProperty().set(StartChoice.OFFSET);
        form.fromInputProperty().set("ten");
        assertThatThrownBy(form::plan).hasMessage("An offset must be a whole number, not \"ten\".");
        form.fromInputProperty().set("50");
        form.stopProperty().set(ExportViewModel.StopChoice.OFFSET);
        form.stopInputProperty().set("20");
        assertThatThrownBy(form::plan)
                .hasMessage("Nothing to export: the start, offset 50, is not before the stop, offset 20.");
        form.stopProperty().set(ExportViewModel.StopChoice.TIME);
        form.stopInputProperty().set("next tuesday");
        assertThatThrownBy(form::plan).isInstanceOf(IllegalArgumentException.class);

        form.start();
        assertThat(form.errorProperty().get()).isEqualTo("Name the file to write (Browse… or type a path).");
        assertThat(form.runningProperty().get()).isFalse();
        form.fileProperty().set("  " + dir.resolve("x.jsonl") + " ");
        form.start();
        assertThat(form.errorProperty().get()).isNotEmpty();
        assertThat(form.runningProperty().get()).isFalse();
    }

    @Test
    void asksBeforeReplacingAFileAndRemembersTheFolderChosen() throws Exception {
        ExportViewModel form = form();
        Path existing = Files.writeString(dir.resolve("old.jsonl"), "{}\n");
        form.fileProperty().set(dir.resolve("new.jsonl").toString());
        assertThat(form.wouldOverwrite()).isFalse();
        form.chosen(existing);
        assertThat(form.fileProperty().get()).isEqualTo(existing.toString());
        assertThat(form.wouldOverwrite()).isTrue();
        assertThat(folder.get()).isEqualTo(dir.toString());
        assertThat(form().folder()).as("a later form opens there").isEqualTo(dir.toString());
    }

    @Test
    void aSelectionNeedsNoRange() {
        Message m = new Message("a", 2, 7, 1, null, new byte[] {1}, List.of());
        ExportViewModel form = new ExportViewModel(
                gateway.transfer(),
                FXCollections.observableArrayList("a"),
                name -> 3,
                ZoneOffset.UTC,
                folder,
                List.of(m, m));
        assertThat(form.exportsSelection()).isTrue();
        assertThat(form.selectionText()).isEqualTo("2 selected records of a/2");
        assertThat(form.suggestedName()).isEqualTo("a-selected.jsonl");
    }
}
