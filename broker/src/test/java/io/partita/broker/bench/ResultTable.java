package io.partita.broker.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows = workload + metric (in the order first seen), columns = targets (in run order). With exactly
 * two columns a last column says how far the first is ahead of the second, so above 1 always means the
 * first is better: first/second for rates, second/first for latencies (metrics in "ms", lower is better).
 */
final class ResultTable {

    private final List<String> columns;
    private final Map<String, String[]> rows = new LinkedHashMap<>();
    private final Map<String, Double[]> values = new LinkedHashMap<>();

    ResultTable(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Unique column labels: a target listed twice becomes "Kafka" and "Kafka #2". */
    static List<String> columnLabels(List<TargetKind> targets) {
        List<String> labels = new ArrayList<>();
        for (TargetKind kind : targets) {
            String label = kind.label();
            int n = 1;
            while (labels.contains(label)) {
                label = kind.label() + " #" + (++n);
            }
            labels.add(label);
        }
        return labels;
    }

    static String rowKey(Scenario scenario, Workload workload, String metric) {
        return workload.name() + " (" + scenario.name() + ") — " + metric;
    }

    void declareRow(String row) {
        values.computeIfAbsent(row, r -> new Double[columns.size()]);
        rows.computeIfAbsent(row, r -> new String[columns.size()]);
    }

    void put(String row, int column, double value) {
        declareRow(row);
        values.get(row)[column] = value;
        rows.get(row)[column] = format(value);
    }

    /** Marks a cell that could not be measured (target failed to start, workload threw). */
    void fail(String row, int column) {
        declareRow(row);
        if (rows.get(row)[column] == null) {
            rows.get(row)[column] = "FAILED";
        }
    }

    Double value(String row, int column) {
        Double[] v = values.get(row);
        return v == null ? null : v[column];
    }

    String render() {
        List<String> header = new ArrayList<>();
        header.add("workload");
        header.addAll(columns);
        boolean ratio = columns.size() == 2;
        if (ratio) {
            header.add(columns.get(0) + " vs " + columns.get(1));
        }
        List<List<String>> body = new ArrayList<>();
        for (Map.Entry<String, String[]> row : rows.entrySet()) {
            List<String> line = new ArrayList<>();
            line.add(row.getKey());
            for (String cell : row.getValue()) {
                line.add(cell == null ? "-" : cell);
            }
            if (ratio) {
                Double a = value(row.getKey(), 0);
                Double b = value(row.getKey(), 1);
                line.add(
                        a == null || b == null || a == 0.0 || b == 0.0
                                ? "-"
                                : String.format(Locale.ROOT, "%.2f", lowerIsBetter(row.getKey()) ? b / a : a / b));
            }
            body.add(line);
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            widths[i] = header.get(i).length();
            for (List<String> line : body) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, header, widths);
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            // markdown alignment row: workload left-aligned, figures right-aligned
            rule.append(i == 0 ? ":" + "-".repeat(widths[i] + 1) : "-".repeat(widths[i] + 1) + ":")
                    .append('|');
        }
        out.append(rule).append(System.lineSeparator());
        body.forEach(line -> appendLine(out, line, widths));
        return out.toString();
    }

    /** The legend under the table: what the last column's figure means. */
    String ratioLegend() {
        return columns.size() != 2
                ? ""
                : "Last column: " + columns.get(0) + "/" + columns.get(1) + " for rates, "
                        + columns.get(1) + "/" + columns.get(0) + " for latencies; above 1.00 means " + columns.get(0)
                        + " is ahead.";
    }

    static boolean lowerIsBetter(String row) {
        return row.endsWith(" ms");
    }

    private static void appendLine(StringBuilder out, List<String> cells, int[] widths) {
        out.append("|");
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            out.append(' ').append(i == 0 ? cell + pad : pad + cell).append(" |");
        }
        out.append(System.lineSeparator());
    }

    private static String format(double value) {
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
