package fr.mutualis.fleet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the servers a test starts, taken below the kernel's ephemeral range.
 *
 * <p>A port is probed here and bound later, by a server that may take seconds to start. A port of
 * the ephemeral range (what {@code new ServerSocket(0)} hands out) can meanwhile become the local
 * port of any outgoing connection — and the fleet ITs run in two JVMs making hundreds of them — so
 * that the server's bind fails. Below that range only servers bind; each JVM hands out a port
 * once, and each of Failsafe's test JVMs ({@code mutualis.test.fork}, 1 to 4) draws from its own
 * quarter of the range, so that two of them never probe the same port.
 */
public final class FreePorts {

    private static final int BELOW_EPHEMERAL = 20_000;
    private static final int SHARES = 4;
    private static final int[] RANGE = share(Integer.getInteger("mutualis.test.fork", 0), ephemeralRangeStart());
    private static final int LOWEST = RANGE[0];
    private static final int HIGHEST_EXCLUSIVE = RANGE[1];
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int tcp() {
        return pick(true);
    }

    public static int udp() {
        return pick(false);
    }

    private static int pick(boolean tcp) {
        if (HIGHEST_EXCLUSIVE - LOWEST < 500) {
            return ephemeral(tcp); // an unusual kernel setting: no room below its range
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST_EXCLUSIVE);
            if (HANDED_OUT.add(port) && free(port, tcp)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found between " + LOWEST + " and " + HIGHEST_EXCLUSIVE);
    }

    private static boolean free(int port, boolean tcp) {
        try {
            if (tcp) {
                try (ServerSocket socket = new ServerSocket()) {
                    socket.bind(new InetSocketAddress(port));
                }
            } else {
                try (DatagramSocket socket = new DatagramSocket(port)) {
                    socket.getLocalPort();
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeral(boolean tcp) {
        try {
            if (tcp) {
                try (ServerSocket socket = new ServerSocket(0)) {
                    return socket.getLocalPort();
                }
            }
            try (DatagramSocket socket = new DatagramSocket(0)) {
                return socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's ports: the fork's share of those below the ephemeral range, or all of them outside Failsafe. */
    private static int[] share(int fork, int ephemeralStart) {
        if (fork < 1) {
            return new int[] {BELOW_EPHEMERAL, ephemeralStart};
        }
        int size = (ephemeralStart - BELOW_EPHEMERAL) / SHARES;
        int lowest = BELOW_EPHEMERAL + ((fork - 1) % SHARES) * size;
        return new int[] {lowest, lowest + size};
    }

    /** The first port of Linux's ephemeral range; IANA's dynamic range start elsewhere. */
    private static int ephemeralRangeStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
