package io.partita.app.client.produce;

/** Where a sent record landed, as the cluster acknowledged it. */
public record Delivery(String topic, int partition, long offset, long timestamp) implements Sent {

    @Override
    public String line() {
        return "Sent to " + this;
    }

    @Override
    public Delivery first() {
        return this;
    }

    @Override
    public String toString() {
        return topic + " partition " + partition + " at offset " + offset;
    }
}
