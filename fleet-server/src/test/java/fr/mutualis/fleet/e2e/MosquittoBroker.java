package fr.mutualis.fleet.e2e;

import fr.mutualis.fleet.testsupport.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Eclipse Mosquitto from Debian's package, as an independent MQTT 5 broker, on a loopback port
 * with a configuration of the test's own.
 */
final class MosquittoBroker implements AutoCloseable {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"));

    private final Process process;
    private final int port;

    private MosquittoBroker(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Optional<Path> executable() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /** Starts Mosquitto with a loopback listener; anonymous clients are allowed (test only). */
    static MosquittoBroker start(Path executable, Path workDir) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        int port = FreePorts.tcp();
        Path config = workDir.resolve("mosquitto.conf");
        Files.writeString(config, String.join("\n",
                "listener " + port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence false",
                "log_dest stdout",
                ""));
        Process process = new ProcessBuilder(executable.toString(), "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("mosquitto.log").toFile())
                .start();
        MosquittoBroker broker = new MosquittoBroker(process, port);
        broker.awaitListening();
        return broker;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("mosquitto did not listen on " + port);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
