package io.partita.app.client.records;

/**
 * One partition's offset axis, log start to log end, mapped onto [0, 1]: the geometry shared by the drawings of
 * offsets on a partition (the groups' committed-offset bars, the replay's cursor), kept apart from JavaFX so it
 * can be tested. Offsets outside the log (deleted below the start, a truncated end) are pinned to the axis' ends
 * rather than drawn off it.
 */
public record OffsetScale(long logStart, long logEnd) {

    /** Where {@code offset} sits, in [0, 1]; an empty log puts everything at its end. */
    public double at(long offset) {
        long length = logEnd - logStart;
        if (length <= 0) {
            return 1;
        }
        return Math.max(0, Math.min(1, (double) (offset - logStart) / length));
    }

    /**
     * The x of a marker {@code markerWidth} wide centred on fraction {@code at} of a track starting at {@code left}
     * and {@code width} wide, kept inside the track at both ends so that 0 and 1 both show it.
     */
    public static double markerX(double left, double width, double at, double markerWidth) {
        double centre = left + width * at;
        return Math.max(left, Math.min(left + width - markerWidth, centre - markerWidth / 2));
    }
}
