package fr.mutualis.fleet.e2e;

import fr.mutualis.fleet.testsupport.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gateway agent running as a real separate process from the assembled distribution, started
 * by its {@code bin/mutualis-gateway} script, so that it can be killed with SIGKILL.
 */
final class GatewayProcess implements AutoCloseable {

    static final Path RUNTIME = Path.of(System.getProperty("mutualis.runtime.dir", "target/it/gateway-runtime"));

    private final Path config;
    private final Path log;
    private Process process;

    private GatewayProcess(Path config, Path log) {
        this.config = config;
        this.log = log;
    }

    /** Writes the gateway's configuration file under {@code home} and starts it. */
    static GatewayProcess start(Path home, String gatewayId, String commune, String brokerUrl, int gwmpPort,
                                int keepAliveSeconds, String... extraSettings) throws IOException {
        return startWith(home, gwmpPort, FreePorts.tcp(), "gateway.id=" + gatewayId, "gateway.commune=" + commune,
                "broker.url=" + brokerUrl, "broker.keepalive.seconds=" + keepAliveSeconds,
                String.join("\n", extraSettings));
    }

    /**
     * Writes a configuration with no identity and no broker, only an enrolment invitation, as a
     * technician's first-boot file would be, and starts the gateway: it must enrol itself.
     */
    static GatewayProcess startEnrolling(Path home, String invitation, String proposedGatewayId, int gwmpPort,
                                         String... extraSettings) throws IOException {
        return startWith(home, gwmpPort, FreePorts.tcp(), "enrolment.url=" + invitation,
                "enrolment.gateway.id=" + proposedGatewayId, String.join("\n", extraSettings));
    }

    /**
     * A gateway enrolled beforehand ({@code mutualis enrol} wrote its identity into {@code home/data}):
     * its file names no identity, no broker and no invitation.
     */
    static GatewayProcess startEnrolled(Path home, int gwmpPort) throws IOException {
        return startWith(home, gwmpPort, FreePorts.tcp());
    }

    /**
     * A gateway as it comes out of the box: no identity, no broker, no invitation; the technician
     * enrols it from its local console, on {@code consolePort}.
     */
    static GatewayProcess startWithoutIdentity(Path home, int gwmpPort, int consolePort) throws IOException {
        return startWith(home, gwmpPort, consolePort);
    }

    /**
     * Writes {@code settings} and what every test gateway has — data under {@code home}, the
     * packet-forwarder port on loopback, frequent health reports, the local console on loopback
     * and its own port (several gateways run side by side, and 8080 may be taken) — and starts it.
     */
    private static GatewayProcess startWith(Path home, int gwmpPort, int consolePort, String... settings)
            throws IOException {
        Files.createDirectories(home);
        Path config = home.resolve("gateway.properties");
        Files.writeString(config, String.join("\n", settings) + "\n" + String.join("\n",
                "data.dir=data",
                "gwmp.bind=127.0.0.1",
                "gwmp.port=" + gwmpPort,
                "health.interval.seconds=2",
                "console.bind=127.0.0.1",
                "console.port=" + consolePort,
                ""));
        GatewayProcess gateway = new GatewayProcess(config, home.resolve("gateway.log"));
        gateway.start();
        return gateway;
    }

    void start() throws IOException {
        Path script = RUNTIME.resolve("bin").resolve("mutualis-gateway");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("no gateway distribution at " + RUNTIME.toAbsolutePath()
                    + " (built by 'mvn verify')");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(script.toString(), "--config", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        process = builder.start();
    }

    /** SIGKILL: no shutdown hook, no goodbye message. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the clean shutdown path. Returns the exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("gateway did not stop within " + timeout + " after SIGTERM");
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            kill();
        }
    }
}
