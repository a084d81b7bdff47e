package io.deskstream.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for brokers and servers that must know their port before binding. */
public final class LocalPorts {

    private LocalPorts() {
    }

    /** A port that was free a moment ago; another process may take it, which is fine for tests and local runs. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    /**
     * A port that was free a moment ago with the next one free too: the embedded broker takes both (clients and its
     * KRaft controller).
     */
    public static int freePair() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port < 65535 && isFree(port + 1)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free local port", e);
            }
        }
        throw new IllegalStateException("no two consecutive free local ports found");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
