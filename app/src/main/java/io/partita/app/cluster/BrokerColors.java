package io.partita.app.cluster;

/**
 * Each broker's colour ({@code .broker-color-0} … {@code .broker-color-7} in the stylesheet), by its id, so that a
 * broker keeps its colour everywhere (the swatch in its column's header, its replicas' marks in the partition log
 * view) and across launches. Beyond {@link #SIZE} brokers colours repeat.
 */
final class BrokerColors {
    static final int SIZE = 8;

    private BrokerColors() {}

    /** The CSS class of broker {@code brokerId}'s colour. */
    static String styleClass(int brokerId) {
        return "broker-color-" + Math.floorMod(brokerId, SIZE);
    }
}
