package io.partita.app.topics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses the New topic dialog's optional configs: one {@code key=value} a line, blank lines ignored. */
public final class ConfigLines {
    private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9._-]+");

    /** @param problem why the text cannot be used, or "" when {@code configs} holds it */
    public record Parsed(Map<String, String> configs, String problem) {}

    private ConfigLines() {}

    public static Parsed parse(String text) {
        Map<String, String> configs = new LinkedHashMap<>();
        if (text == null) {
            return new Parsed(configs, "");
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            String where = "Config line " + (i + 1) + " (\"" + line + "\")";
            if (eq < 0) {
                return new Parsed(Map.of(), where + " needs the form key=value, e.g. retention.ms=86400000.");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (!KEY.matcher(key).matches()) {
                return new Parsed(Map.of(), where + ": \"" + key + "\" is not a config name.");
            }
            if (value.isEmpty()) {
                return new Parsed(Map.of(), where + ": " + key + " has no value.");
            }
            if (configs.put(key, value) != null) {
                return new Parsed(Map.of(), key + " is set twice.");
            }
        }
        return new Parsed(configs, "");
    }
}
