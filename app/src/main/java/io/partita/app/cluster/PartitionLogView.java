package io.partita.app.cluster;

import atlantafx.base.theme.Styles;
import io.partita.app.cluster.PartitionLogPicture.GroupMark;
import io.partita.app.cluster.PartitionLogPicture.ReplicaMark;
import io.partita.app.common.Sizes;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The chosen partition drawn as a log, under the map: its offsets from log start to log end left to right; a row
 * per replica with a bar to that replica's log end offset in its broker's colour; the log itself, readable up to
 * the high watermark and hatched beyond it; the high watermark as a line through all of them; and a row per
 * consumer group with a marker at its committed offset. Sizes come from layout, colours from CSS.
 */
public final class PartitionLogView extends VBox {
    private final PartitionLogViewModel model;
    private final LogDrawing drawing = new LogDrawing();

    public PartitionLogView(PartitionLogViewModel model) {
        this.model = model;
        setId("partition-log");
        getStyleClass().add("partition-log");

        Label title = new Label();
        title.setId("partition-log-title");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.textProperty().bind(model.titleProperty());
        title.setMinWidth(Region.USE_PREF_SIZE);
        Label summary = new Label();
        summary.setId("partition-log-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button close = new Button("Close");
        close.setId("partition-log-close");
        close.getStyleClass().addAll(Styles.FLAT, Styles.SMALL);
        close.setTooltip(new Tooltip("Hide the partition's log (Esc on the map)"));
        close.setOnAction(e -> model.clear());
        HBox header = new HBox(12, title, summary, spacer, close);
        header.setAlignment(Pos.CENTER_LEFT);

        Label problem = new Label();
        problem.setId("partition-log-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        getChildren().addAll(header, problem, drawing);
        visibleProperty().bind(model.chosenProperty());
        managedProperty().bind(visibleProperty());
        model.pictureProperty().addListener((o, was, is) -> {
            summary.setText(is == null ? "Reading…" : is.summary());
            drawing.show(is);
        });
        summary.setText("Reading…");
    }

    /**
     * The rows of the drawing. Rebuilt for each picture: a partition has a handful of replicas and groups, and a
     * picture comes a few times a second at most.
     */
    private static final class LogDrawing extends Region {
        private static final double NAME_WIDTH = 170;
        private static final double FIGURE_WIDTH = 150;
        private static final double ROW = 22;
        private static final double BAR = 8;
        private static final double MARKER = 4;
        private static final double TOP = 18; // room for the high watermark's label
        private static final double AXIS_LABELS = 14; // the offsets at the log's two ends, under it
        private static final int MAX_GROUPS = 6;

        private PartitionLogPicture picture;
        private final List<Row> rows = new ArrayList<>();
        private final Region hwLine = styled(new Region(), "log-hw-line");
        private final Label hwLabel = styled(new Label(), "log-hw-label");
        private final Label startLabel = styled(new Label(), "log-axis-label");
        private final Label endLabel = styled(new Label(), "log-axis-label");

        LogDrawing() {
            getStyleClass().add("log-drawing");
            hwLine.setId("partition-log-hw");
            hwLabel.setId("partition-log-hw-label");
        }

        /**
         * One row: a name at the left, then a bar and a marker across the axis, then a figure. The log's own row
         * ({@code log}) draws its track as the bar and its readable part as the marker.
         */
        private record Row(Label name, Region bar, Region marker, Label figure, double at, boolean log) {}

        void show(PartitionLogPicture shown) {
            picture = shown;
            rows.clear();
            List<Node> children = new ArrayList<>();
            if (shown != null) {
                for (ReplicaMark replica : shown.replicas()) {
                    rows.add(replicaRow(replica));
                }
                rows.add(logRow(shown));
                List<GroupMark> groups = shown.groups();
                for (GroupMark group : groups.subList(0, Math.min(MAX_GROUPS, groups.size()))) {
                    rows.add(groupRow(group));
                }
                if (groups.size() > MAX_GROUPS) {
                    Label more = styled(new Label("and " + (groups.size() - MAX_GROUPS) + " more groups"), "log-name");
                    rows.add(new Row(more, null, null, null, 0, false));
                }
                for (Row row : rows) {
                    children.add(row.name());
                    for (Node part : new Node[] {row.bar(), row.marker(), row.figure()}) {
                        if (part != null) {
                            children.add(part);
                        }
                    }
                }
                boolean hwKnown = shown.highWatermark() >= 0;
                hwLabel.setText(hwKnown ? "high watermark " + Sizes.count(shown.highWatermark()) : "");
                startLabel.setText(shown.logStart() >= 0 ? Sizes.count(shown.logStart()) : "");
                endLabel.setText(Sizes.count(shown.axisEnd()));
                children.addAll(List.of(startLabel, endLabel));
                if (hwKnown) {
                    children.addAll(List.of(hwLine, hwLabel));
                }
            }
            getChildren().setAll(children);
            requestLayout();
        }

        private Row replicaRow(ReplicaMark replica) {
            Label name = styled(
                    new Label("Broker " + replica.broker() + "  ·  "
                            + replica.state().tileText()),
                    "log-name");
            name.setId("partition-log-replica-" + replica.broker());
            Region bar = styled(new Region(), "log-replica-bar", BrokerColors.styleClass(replica.broker()));
            Region marker = styled(new Region(), "log-replica-end", BrokerColors.styleClass(replica.broker()));
            bar.setVisible(replica.known());
            marker.setVisible(replica.known());
            Label figure = styled(new Label(PartitionLogPicture.replicaFigure(replica)), "log-figure");
            figure.setId("partition-log-replica-end-" + replica.broker());
            Tooltip.install(
                    name,
                    new Tooltip("Broker " + replica.broker() + "'s copy of the partition ends at offset "
                            + PartitionLogPicture.replicaFigure(replica)));
            return new Row(name, bar, marker, figure, replica.at(), false);
        }

        private Row logRow(PartitionLogPicture shown) {
            Label name = styled(new Label("Log"), "log-name", Styles.TEXT_BOLD);
            Region track = styled(new Region(), "log-track");
            Tooltip.install(
                    track,
                    new Tooltip("Readable by consumers up to the high watermark; beyond it (hatched),"
                            + " records not yet on every in-sync replica"));
            Region readable = styled(new Region(), "log-readable");
            double hw = shown.highWatermarkAt();
            return new Row(name, track, readable, null, hw < 0 ? 1 : hw, true);
        }

        private Row groupRow(GroupMark group) {
            Label name = styled(new Label("Group " + group.group()), "log-name");
            name.setId("partition-log-group-" + group.group());
            Region marker = styled(new Region(), "log-commit-marker");
            Label figure = styled(new Label(PartitionLogPicture.groupFigure(group)), "log-figure");
            figure.setId("partition-log-commit-" + group.group());
            return new Row(name, null, marker, figure, group.at(), false);
        }

        @Override
        protected double computePrefHeight(double width) {
            return TOP + rows.size() * ROW + AXIS_LABELS + 4 + snappedTopInset() + snappedBottomInset();
        }

        @Override
        protected double computeMinHeight(double width) {
            return computePrefHeight(width);
        }

        @Override
        protected void layoutChildren() {
            if (picture == null) {
                return;
            }
            double left = snappedLeftInset() + NAME_WIDTH;
            double width = Math.max(40, getWidth() - left - FIGURE_WIDTH - snappedRightInset());
            double y = snappedTopInset() + TOP;
            double logY = y;
            for (Row row : rows) {
                double middle = y + ROW / 2;
                row.name().resizeRelocate(snappedLeftInset(), y, NAME_WIDTH - 8, ROW);
                if (row.log()) {
                    logY = y;
                    row.bar().resizeRelocate(left, middle - BAR, width, BAR * 2);
                    row.marker().resizeRelocate(left, middle - BAR, width * row.at(), BAR * 2);
                } else {
                    double x = left + width * row.at();
                    if (row.bar() != null) {
                        row.bar().resizeRelocate(left, middle - BAR / 2, Math.max(0, x - left), BAR);
                    }
                    if (row.marker() != null) {
                        row.marker().resizeRelocate(x - MARKER / 2, middle - BAR, MARKER, BAR * 2);
                    }
                }
                if (row.figure() != null) {
                    double figureX = left + width * row.at() + 8;
                    row.figure().resizeRelocate(figureX, y, left + width + FIGURE_WIDTH - figureX, ROW);
                }
                y += row.log() ? ROW + AXIS_LABELS : ROW;
            }
            double logBottom = logY + ROW;
            startLabel.resizeRelocate(left, logBottom - 3, 120, AXIS_LABELS);
            double endWidth = endLabel.prefWidth(-1);
            endLabel.resizeRelocate(left + width - endWidth, logBottom - 3, endWidth, AXIS_LABELS);
            double hw = picture.highWatermarkAt();
            if (hw >= 0) {
                double x = left + width * hw;
                double top = snappedTopInset() + TOP - 2;
                hwLine.resizeRelocate(x - 1, top, 2, logBottom - top);
                double labelWidth = hwLabel.prefWidth(-1);
                double labelX = Math.max(left, Math.min(left + width + FIGURE_WIDTH - labelWidth, x - labelWidth / 2));
                hwLabel.resizeRelocate(labelX, snappedTopInset(), labelWidth, TOP - 2);
            }
        }

        private static <T extends Region> T styled(T node, String... styleClasses) {
            node.getStyleClass().addAll(styleClasses);
            node.setManaged(false);
            return node;
        }
    }
}
