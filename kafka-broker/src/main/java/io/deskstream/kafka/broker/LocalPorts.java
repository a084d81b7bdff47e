package io.deskstream.kafka.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Free TCP ports on the loopback interface, for brokers and servers that must know their port before binding. */
public final class LocalPorts {

    /**
     * Ports handed out by this process: each is bound later by whoever asked, so until then the system may offer it
     * again, and two servers of one process would be given the same port.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LocalPorts() {
    }

    /** A port that was free a moment ago; another process may take it, which is fine for tests and local runs. */
    public static int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free local port", e);
            }
        }
        throw new IllegalStateException("no free local port that this process has not handed out already");
    }

    /**
     * A port that was free a moment ago with the next one free too: the embedded broker takes both (clients and its
     * KRaft controller).
     */
    public static int freePair() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port < 65535 && !HANDED_OUT.contains(port) && !HANDED_OUT.contains(port + 1) && isFree(port + 1)
                        && HANDED_OUT.add(port) && HANDED_OUT.add(port + 1)) {
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
