package io.partita.app.client.transfer;

/**
 * The handle of a running export or import: Cancel from the window, checked by the gateway's thread between
 * pages and records. Cancelling an export leaves no file behind; cancelling an import stops sending, but what the
 * cluster already took stays in the topic (a produced record cannot be taken back).
 */
public final class TransferControl {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean cancelled() {
        return cancelled;
    }
}
