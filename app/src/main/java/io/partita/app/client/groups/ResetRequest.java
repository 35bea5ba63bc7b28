package io.partita.app.client.groups;

/**
 * What the user asked for in the Reset offsets dialog.
 *
 * @param offset          the target of {@link ResetStrategy#SPECIFIC_OFFSET}; ignored otherwise
 * @param timestampMillis the moment of {@link ResetStrategy#TIMESTAMP} (epoch ms); ignored otherwise
 * @param topic           only this topic's partitions, or null for all the group's partitions
 */
public record ResetRequest(ResetStrategy strategy, long offset, long timestampMillis, String topic) {

    public boolean covers(String candidate) {
        return topic == null || topic.equals(candidate);
    }
}
