package fr.mutualis.gateway.console;

import com.sun.net.httpserver.HttpServer;
import fr.mutualis.gateway.autonomy.lighting.LightingControl;
import fr.mutualis.gateway.console.auth.ConsoleCredential;
import fr.mutualis.gateway.console.auth.LoginThrottle;
import fr.mutualis.gateway.console.auth.Sessions;
import fr.mutualis.gateway.console.page.Pages;
import fr.mutualis.gateway.console.state.StateCollector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The console's HTTP server on the JDK's {@code com.sun.net.httpserver}, with two worker threads:
 * enough for a technician's phone and a laptop, and nothing more on a Pi 3. Separate from the DS
 * component so that tests run the same server without a framework.
 */
public final class ConsoleServer implements AutoCloseable {

    /** Where and how the console listens. */
    public record Settings(String bindAddress, int port, Duration sessionLifetime, ZoneId zone) {
    }

    private final HttpServer server;
    private final ExecutorService workers;
    private final ConsoleHandler handler;
    private final String newPassword;

    public ConsoleServer(Settings settings, Path dataDir, StateCollector state, Supplier<LightingControl> lighting,
                         EnrolmentRequest.Sink enrolment, Clock clock) throws IOException {
        SecureRandom random = new SecureRandom();
        ConsoleCredential.Loaded credential = ConsoleCredential.loadOrCreate(dataDir, random);
        this.newPassword = credential.newPassword();
        this.handler = new ConsoleHandler(credential.credential(), new LoginThrottle(clock),
                new Sessions(clock, random, settings.sessionLifetime()), new Pages(settings.zone()), state, lighting,
                enrolment);
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "mutualis-console-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 16);
        server.createContext("/", handler);
        server.setExecutor(workers);
        server.start();
    }

    /** The password made at this start if there was none, to be shown once; null otherwise. */
    public String newPassword() {
        return newPassword;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Map<String, Number> metrics() {
        return handler.metrics();
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
