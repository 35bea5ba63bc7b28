package io.partita.app.groups;

import atlantafx.base.theme.Styles;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The selected group's total lag over time: one line, time across, lag up. The series mirrors the view model's
 * samples change by change (no animation, no rebuild), so the line grows at each refresh without flicker.
 */
final class LagChart extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final XYChart.Series<Number, Number> series = new XYChart.Series<>();
    private final LineChart<Number, Number> chart;
    private final NumberAxis time;

    LagChart(GroupsViewModel model) {
        getStyleClass().add("lag-chart-box");
        Label title = new Label("Total lag, last " + LagHistory.WINDOW.toMinutes() + " minutes");
        title.getStyleClass().addAll(Styles.TEXT_BOLD, "lag-chart-title");

        time = new NumberAxis();
        time.setAutoRanging(false);
        time.setForceZeroInRange(false);
        time.setMinorTickVisible(false);
        time.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number millis) {
                return TIME.format(Instant.ofEpochMilli(millis.longValue()).atZone(ZoneId.systemDefault()));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the axis only shows times");
            }
        });
        NumberAxis lag = new NumberAxis();
        lag.setForceZeroInRange(true);
        lag.setMinorTickVisible(false);
        lag.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                // Lag counts records: whole numbers only, even when the axis picks fractional ticks.
                return n.doubleValue() == Math.rint(n.doubleValue()) ? Long.toString(n.longValue()) : "";
            }

            @Override
            public Number fromString(String text) {
                return Long.parseLong(text);
            }
        });
        chart = new LineChart<>(time, lag);
        chart.setId("lag-chart");
        chart.getStyleClass().add("lag-chart");
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.getData().add(series);

        Label waiting =
                new Label("The lag is sampled at every refresh while Partita runs; the line starts with the next one.");
        waiting.setId("lag-chart-empty");
        waiting.setWrapText(true);
        waiting.getStyleClass().add("empty-state");
        waiting.visibleProperty().bind(Bindings.size(series.getData()).lessThan(2));
        StackPane stack = new StackPane(chart, waiting);
        VBox.setVgrow(stack, Priority.ALWAYS);
        getChildren().addAll(title, stack);

        series.getData().setAll(points(model.lagSamples()));
        fitTimeAxis(model.lagSamples());
        model.lagSamples().addListener((ListChangeListener<LagSample>) c -> {
            while (c.next()) {
                if (c.wasPermutated() || c.wasUpdated()) {
                    series.getData().setAll(points(c.getList()));
                    continue;
                }
                if (c.wasRemoved()) {
                    series.getData().remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                }
                if (c.wasAdded()) {
                    series.getData().addAll(c.getFrom(), points(c.getAddedSubList()));
                }
            }
            fitTimeAxis(c.getList());
        });
    }

    /** Ticks a person can read: 5 s, 10 s, 30 s, 1, 2 or 5 minutes apart. */
    private static final long[] TICKS = {5_000, 10_000, 30_000, 60_000, 120_000, 300_000};

    /** The time axis spans exactly the samples (at least a minute): the auto-range would round it past them. */
    private void fitTimeAxis(List<? extends LagSample> samples) {
        long now = System.currentTimeMillis();
        long last = samples.isEmpty() ? now : samples.get(samples.size() - 1).atMillis();
        long first = samples.isEmpty() ? now : samples.get(0).atMillis();
        long span = Math.max(60_000, last - first);
        long unit = TICKS[TICKS.length - 1];
        for (long candidate : TICKS) {
            if (span / candidate <= 6) {
                unit = candidate;
                break;
            }
        }
        // Start on a whole tick, so the labels read 21:40:00, 21:40:10… rather than odd seconds.
        time.setLowerBound(Math.floorDiv(last - span, unit) * unit);
        time.setUpperBound(last);
        time.setTickUnit(unit);
    }

    private static List<XYChart.Data<Number, Number>> points(List<? extends LagSample> samples) {
        return samples.stream()
                .map(s -> new XYChart.Data<Number, Number>(s.atMillis(), s.lag()))
                .toList();
    }

    /** The drawn line's series (for tests and accessibility). */
    XYChart.Series<Number, Number> series() {
        return series;
    }
}
