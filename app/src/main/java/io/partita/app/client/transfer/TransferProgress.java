package io.partita.app.client.transfer;

import java.util.Locale;

/**
 * How far an export or import has come.
 *
 * @param done  records written to the file (export) or acknowledged by the cluster (import)
 * @param about how many there should be in all: for an export, the offsets in the range, which a compacted
 *              partition may not fill, hence "about"; for an import, the records in the file
 */
public record TransferProgress(long done, long about) {

    /** 0 to 1 for a progress bar; 0 while the total is unknown. */
    public double fraction() {
        return about <= 0 ? 0 : Math.min(1, done / (double) about);
    }

    /** "1,000 of about 2,000 records". */
    public String describe() {
        return count(done) + " of about " + count(about) + " records";
    }

    /** A count with thousands separators, the same in every locale (summaries are read, and tested, as text). */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
