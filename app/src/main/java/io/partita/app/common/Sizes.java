package io.partita.app.common;

import java.util.Locale;

/** Human-readable sizes and counts for tables and labels; unknown values read as an em dash. */
public final class Sizes {
    public static final String UNKNOWN = "—";
    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private Sizes() {}

    /** 0 B, 999 B, 1.0 KiB, 1.5 MiB… binary units, one decimal; negative means unknown. */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return UNKNOWN;
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        // Stop before a value that would print as "1024.0" of a unit: show it as 1.0 of the next one.
        while (value >= 1023.95 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** 1,234,567; negative means unknown. */
    public static String count(long count) {
        return count < 0 ? UNKNOWN : String.format(Locale.ROOT, "%,d", count);
    }
}
