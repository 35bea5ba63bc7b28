package io.partita.broker.log;

/**
 * What one partition offers the cleaner now (Kafka's LogToClean): the clean section [log start, firstDirty),
 * already compacted, and the dirty section [firstDirty, firstUncleanable), which a pass may compact.
 *
 * @param truncations       the log's truncation count before anything here was read; a pass applies only if
 *                          it is unchanged
 * @param firstDirty        the cleaner checkpoint, or the log start
 * @param firstUncleanable  the first offset no pass may touch (see {@link CleanerPlanner})
 * @param cleanBytes        stored bytes of the clean section
 * @param cleanableBytes    stored bytes of the dirty section
 * @param dirtyRecords      offsets in the dirty section: the most keys a pass must map
 * @param needCompactionNow max.compaction.lag.ms is exceeded for a dirty record
 */
record CleanableRange(
        PartitionLog log,
        long truncations,
        long firstDirty,
        long firstUncleanable,
        long cleanBytes,
        long cleanableBytes,
        long dirtyRecords,
        boolean needCompactionNow) {

    double cleanableRatio() {
        long total = cleanBytes + cleanableBytes;
        return total == 0 ? 0 : (double) cleanableBytes / total;
    }

    /** Kafka's rule: dirty enough, or some record waited longer than max.compaction.lag.ms. */
    boolean worthCleaning() {
        return cleanableBytes > 0
                && (needCompactionNow || cleanableRatio() > log.config().minCleanableDirtyRatio());
    }
}
