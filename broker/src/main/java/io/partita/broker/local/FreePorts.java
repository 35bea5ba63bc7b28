package io.partita.broker.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Free loopback ports for nodes that must keep the same port across restarts. */
public final class FreePorts {
    private FreePorts() {}

    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /**
     * Whether {@code count} consecutive loopback ports from {@code first} can all be bound now. Only a hint: another
     * process may take one before it is used, so whoever binds must still cope with failing.
     */
    public static boolean allFree(int first, int count) {
        if (first < 1 || count < 1 || (long) first + count - 1 > 65_535) {
            return false;
        }
        for (int port = first; port < first + count; port++) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** {@code count} free loopback ports, all different (the OS may hand the same free port out twice). */
    public static List<Integer> distinct(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < count) {
            ports.add(pick());
        }
        return List.copyOf(ports);
    }
}
