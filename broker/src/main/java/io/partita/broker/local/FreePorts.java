package io.partita.broker.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback ports for nodes that must keep the same port across restarts. */
public final class FreePorts {
    private FreePorts() {
    }

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** {@code count} free loopback ports, all different (the OS may hand the same free port out twice). */
    public static java.util.List<Integer> distinct(int count) {
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(pick());
        }
        return java.util.List.copyOf(ports);
    }
}
