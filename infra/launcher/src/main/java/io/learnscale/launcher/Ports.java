package io.learnscale.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Hands out ports: the fixed ones the README documents, or free ones for tests, never the same twice. */
final class Ports {

    private final boolean free;
    private final Set<Integer> handedOut = new HashSet<>();

    Ports(boolean free) {
        this.free = free;
    }

    /** The fixed port (checked to be free), or any free port. */
    synchronized int take(int fixed, String what) {
        int port = free ? anyFree() : fixed;
        if (!free && !available(port)) {
            throw new PortInUseException(port, what);
        }
        handedOut.add(port);
        return port;
    }

    synchronized void release(int port) {
        handedOut.remove(port);
    }

    private int anyFree() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (!handedOut.contains(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new IllegalStateException("No free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("No free port on 127.0.0.1");
    }

    static boolean available(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port the stack needs is taken by another program. */
    static final class PortInUseException extends IllegalStateException {
        PortInUseException(int port, String what) {
            super("Port " + port + " (" + what + ") is already in use: stop what uses it"
                    + " (for example an earlier stack: ./learnscale stop) or pick another port.");
        }
    }
}
