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
        Files.createDirectories(home);
        Path config = home.resolve("gateway.properties");
        Files.writeString(config, String.join("\n",
                "gateway.id=" + gatewayId,
                "gateway.commune=" + commune,
                "broker.url=" + brokerUrl,
                "broker.keepalive.seconds=" + keepAliveSeconds,
                "data.dir=data",
                "gwmp.bind=127.0.0.1",
                "gwmp.port=" + gwmpPort,
                "health.interval.seconds=2",
                consoleSettings(),
                String.join("\n", extraSettings),
                ""));
        GatewayProcess gateway = new GatewayProcess(config, home.resolve("gateway.log"));
        gateway.start();
        return gateway;
    }

    /**
     * Writes a configuration with no identity and no broker, only an enrolment invitation, as a
     * technician's first-boot file would be, and starts the gateway: it must enrol itself.
     */
    static GatewayProcess startEnrolling(Path home, String invitation, String proposedGatewayId, int gwmpPort,
                                         String... extraSettings) throws IOException {
        Files.createDirectories(home);
        Path config = home.resolve("gateway.properties");
        Files.writeString(config, String.join("\n",
                "enrolment.url=" + invitation,
                "enrolment.gateway.id=" + proposedGatewayId,
                "data.dir=data",
                "gwmp.bind=127.0.0.1",
                "gwmp.port=" + gwmpPort,
                "health.interval.seconds=2",
                consoleSettings(),
                String.join("\n", extraSettings),
                ""));
        GatewayProcess gateway = new GatewayProcess(config, home.resolve("gateway.log"));
        gateway.start();
        return gateway;
    }

    /**
     * A gateway enrolled beforehand ({@code mutualis enrol} wrote its identity into {@code home/data}):
     * its file names no identity, no broker and no invitation.
     */
    static GatewayProcess startEnrolled(Path home, int gwmpPort) throws IOException {
        Files.createDirectories(home);
        Path config = home.resolve("gateway.properties");
        Files.writeString(config, String.join("\n",
                "data.dir=data",
                "gwmp.bind=127.0.0.1",
                "gwmp.port=" + gwmpPort,
                "health.interval.seconds=2",
                consoleSettings(),
                ""));
        GatewayProcess gateway = new GatewayProcess(config, home.resolve("gateway.log"));
        gateway.start();
        return gateway;
    }

    /**
     * A gateway as it comes out of the box: no identity, no broker, no invitation; the technician
     * enrols it from its local console, on {@code consolePort}.
     */
    static GatewayProcess startWithoutIdentity(Path home, int gwmpPort, int consolePort) throws IOException {
        Files.createDirectories(home);
        Path config = home.resolve("gateway.properties");
        Files.writeString(config, String.join("\n",
                "data.dir=data",
                "gwmp.bind=127.0.0.1",
                "gwmp.port=" + gwmpPort,
                "health.interval.seconds=2",
                consoleSettings(consolePort),
                ""));
        GatewayProcess gateway = new GatewayProcess(config, home.resolve("gateway.log"));
        gateway.start();
        return gateway;
    }

    /**
     * The local console on loopback and a free port: several gateways run side by side here and the
     * console's default port (8080) may be taken on a build machine.
     */
    private static String consoleSettings() {
        return consoleSettings(FreePorts.tcp());
    }

    private static String consoleSettings(int port) {
        return "console.bind=127.0.0.1\nconsole.port=" + port;
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
