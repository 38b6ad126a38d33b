package fr.mutualis.fleet.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for the servers a test starts, taken below the kernel's ephemeral range.
 *
 * <p>A port is probed here and bound later, by a server that may take seconds to start. A port of
 * the ephemeral range (what {@code new ServerSocket(0)} hands out) can meanwhile become the local
 * port of any outgoing connection — and the fleet ITs run in two JVMs making hundreds of them — so
 * that the server's bind fails. Below that range only servers bind. A port handed out is reserved
 * for the life of the JVM with a lock on a file named after it, so that the other test JVM, probing
 * at the same time, never hands it out too.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final int HIGHEST_EXCLUSIVE = ephemeralRangeStart();
    private static final Path RESERVATIONS = Path.of(System.getProperty("java.io.tmpdir"), "mutualis-test-ports");
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** Held until the JVM exits, when the operating system releases the locks. */
    private static final List<FileLock> RESERVED = new CopyOnWriteArrayList<>();

    private FreePorts() {
    }

    public static int tcp() {
        return pick(true);
    }

    public static int udp() {
        return pick(false);
    }

    private static int pick(boolean tcp) {
        if (HIGHEST_EXCLUSIVE - LOWEST < 1_000) {
            return ephemeral(tcp); // an unusual kernel setting: no room below its range
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST_EXCLUSIVE);
            if (HANDED_OUT.add(port) && reserve(port) && free(port, tcp)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port found between " + LOWEST + " and " + HIGHEST_EXCLUSIVE);
    }

    private static boolean reserve(int port) {
        try {
            Files.createDirectories(RESERVATIONS);
            FileChannel channel = FileChannel.open(RESERVATIONS.resolve(port + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close(); // the other test JVM has it
                return false;
            }
            RESERVED.add(lock);
            return true;
        } catch (IOException e) {
            return false;
        }
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

    /** The first port of Linux's ephemeral range; IANA's dynamic range start elsewhere. */
    private static int ephemeralRangeStart() {
        try {
            // Line by line: procfs reports a size of 0, and Files.readString trusts the size (it read "3").
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 49_152;
        }
    }
}
