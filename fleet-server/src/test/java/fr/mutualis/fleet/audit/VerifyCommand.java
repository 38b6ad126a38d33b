package fr.mutualis.fleet.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code java -jar mutualis-fleet-server.jar audit-verify ...} as an operator runs it: the
 * repackaged jar of this build, in a process of its own, from an empty working directory.
 *
 * <p>Every run is given the web and broker ports of a fleet server, and those ports are held
 * here meanwhile: a command that started the web server or the broker would fail to bind them.
 */
final class VerifyCommand {

    record Result(int status, String output) {
    }

    private VerifyCommand() {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory("audit-verify");
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket web = new ServerSocket(0, 50, loopback); ServerSocket broker = new ServerSocket(0, 50, loopback)) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString(),
                    "audit-verify", "--server.port=" + web.getLocalPort(),
                    "--mutualis.broker.embedded.port=" + broker.getLocalPort(), "--mutualis.broker.embedded.tls-port=0",
                    "--mutualis.pki.https-port=0", "--mutualis.pki.dir=" + workDir.resolve("pki")));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("audit-verify did not end; it printed:\n" + output);
            }
            return new Result(process.exitValue(), output);
        }
    }

    /** The Spring Boot jar that {@code package} built before the integration tests. */
    static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("mutualis-fleet-server-.*[0-9T]\\.jar"))
                    .map(Path::toAbsolutePath)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no fleet server jar in target/: run through mvn verify"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
