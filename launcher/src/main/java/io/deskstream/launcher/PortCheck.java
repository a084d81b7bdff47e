package io.deskstream.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Says clearly which option to change when a port is taken, before a server fails deep inside with a bind error. */
final class PortCheck {

    private PortCheck() {
    }

    static void requireFree(String host, int port, String what, String option) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            throw new IllegalStateException("port " + port + " on " + host + " (" + what + ") is in use: "
                    + "stop what holds it, or choose another with " + option);
        }
    }
}
