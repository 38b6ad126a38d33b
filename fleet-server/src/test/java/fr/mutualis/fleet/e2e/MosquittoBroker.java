package fr.mutualis.fleet.e2e;

import fr.mutualis.fleet.testsupport.FreePorts;
import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Eclipse Mosquitto from Debian's package, as an independent MQTT 5 broker, on a loopback port
 * with a configuration of the test's own. It can be stopped and started again on the same port;
 * with persistence on, sessions (the fleet's subscription and its queued messages) survive that.
 */
final class MosquittoBroker implements AutoCloseable {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"));

    private final Path executable;
    private final Path workDir;
    private final int port;
    private final Path configuration;
    private Process process;

    private MosquittoBroker(Path executable, Path workDir, int port) {
        this(executable, workDir, port, workDir.resolve("mosquitto.conf"));
    }

    private MosquittoBroker(Path executable, Path workDir, int port, Path configuration) {
        this.executable = executable;
        this.workDir = workDir;
        this.port = port;
        this.configuration = configuration;
    }

    /**
     * Starts Mosquitto with a configuration file of its own (the generated production one), whose
     * listener is on {@code port}; {@code workDir} is its working directory (persistence, log).
     */
    static MosquittoBroker startWithConfiguration(Path executable, Path workDir, Path configuration, int port)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        for (Path dir = workDir.toAbsolutePath(); dir != null && !dir.equals(Path.of("/tmp")); dir = dir.getParent()) {
            dir.toFile().setExecutable(true, false);
        }
        workDir.toFile().setWritable(true, false);
        MosquittoBroker broker = new MosquittoBroker(executable, workDir, port, configuration);
        broker.start();
        return broker;
    }

    /** SIGHUP: Mosquitto re-reads its revocation list and ACL file. */
    void reload() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        Path log = workDir.resolve("mosquitto.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    static Optional<Path> executable() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    /** Mosquitto's executable; under CI its absence fails the test, elsewhere it skips it. */
    static Path requireExecutable() {
        Optional<Path> executable = executable();
        if (executable.isEmpty()) {
            if (System.getenv("CI") != null) {
                org.junit.jupiter.api.Assertions.fail("Mosquitto is required in CI (apt-get install mosquitto) but was not found");
            }
            org.junit.jupiter.api.Assumptions.abort("Mosquitto not installed: apt-get install mosquitto");
        }
        return executable.get();
    }

    /** Starts Mosquitto with a loopback listener; anonymous clients are allowed (test only). */
    /**
     * Starts a plain loopback Mosquitto in a fresh directory as the broker of the fleet under test
     * (embedded PostgreSQL, gateways let in by client id: {@link TestFleet#withExternalBroker}).
     */
    static MosquittoBroker startForFleet(DynamicPropertyRegistry registry, String name)
            throws IOException, InterruptedException {
        MosquittoBroker broker = start(requireExecutable(), Files.createTempDirectory("mutualis-mosquitto"));
        TestFleet.withExternalBroker(registry, name, broker::url);
        return broker;
    }

    static MosquittoBroker start(Path executable, Path workDir) throws IOException, InterruptedException {
        return start(executable, workDir, new String[0]);
    }

    /** The same, with more configuration lines (a TLS listener, say) after the plain listener's. */
    static MosquittoBroker start(Path executable, Path workDir, String... extraConfiguration)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        // Mosquitto drops root privileges to its own user: let it reach this directory (temporary
        // directories are private) and write its persistence file in it.
        for (Path dir = workDir.toAbsolutePath().getParent(); dir != null && !dir.equals(Path.of("/tmp"));
             dir = dir.getParent()) {
            dir.toFile().setExecutable(true, false);
        }
        workDir.toFile().setWritable(true, false);
        workDir.toFile().setExecutable(true, false);
        MosquittoBroker broker = new MosquittoBroker(executable, workDir, FreePorts.tcp());
        Files.writeString(workDir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + broker.port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + workDir.toAbsolutePath() + "/",
                "log_dest stdout",
                String.join("\n", extraConfiguration),
                ""));
        broker.start();
        return broker;
    }

    void start() throws IOException, InterruptedException {
        process = new ProcessBuilder(executable.toString(), "-c", configuration.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("mosquitto.log").toFile()))
                .start();
        awaitListening();
    }

    /** A clean stop (SIGTERM): Mosquitto saves its sessions before exiting. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + "; see " + workDir);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on " + port);
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
