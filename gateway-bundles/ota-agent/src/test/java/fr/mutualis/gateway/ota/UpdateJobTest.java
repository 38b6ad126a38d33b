package fr.mutualis.gateway.ota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.contract.UpdateStatus;
import fr.mutualis.gateway.release.generation.GenerationStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An update job's download failures that the fault matrix of the fleet's OtaFaultMatrixIT cannot
 * stage against a real gateway process: a full disk, a partial file corrupted by a power cut, and
 * an order withdrawn while the job waits between two attempts.
 */
class UpdateJobTest {

    private static final String SHA256 = "ab".repeat(32);

    @TempDir
    Path dir;

    private final OtaMetrics metrics = new OtaMetrics();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Statuses statuses = new Statuses("gw-1", "35238", "1.1.0", Clock.systemUTC());
    private final byte[] content = new byte[100_000];
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private HttpsServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private UpdateOrder orderFrom(String url) {
        return orderFrom(url, SHA256);
    }

    /** An order for {@link #content}, signed with garbage: a download that gets that far ends "bad signature". */
    private UpdateOrder orderFrom(String url, String sha256) {
        return new UpdateOrder(UpdateOrder.VERSION, "gw-1", "35238", "c1", "1.2.0", url, sha256, content.length,
                "c2ln", false, 5, 15, 0, Instant.parse("2026-01-01T00:00:00Z"));
    }

    private StatusJournal journal() {
        return new StatusJournal(dir.resolve("campaign.json"), () -> null, metrics, log::add);
    }

    private UpdateJob job(UpdateOrder order, StatusJournal journal, HttpClient http, int attempts, Duration retryDelay)
            throws Exception {
        PublicKey releaseKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        UpdateJob.Environment environment = new UpdateJob.Environment() {
            public PublicKey releaseKey() {
                return releaseKey;
            }

            public HttpClient httpClient() {
                return http;
            }

            public void restartFramework() {
                throw new AssertionError("nothing may be installed");
            }

            public void log(String message) {
                log.add(message);
            }
        };
        GenerationStore generations = new GenerationStore(dir.resolve("data"), Files.createDirectories(dir.resolve("factory")));
        UpdateJob.Settings settings = new UpdateJob.Settings(dir.resolve("download"), attempts, retryDelay,
                Duration.ofSeconds(10), Duration.ofSeconds(10), 30, 600);
        return new UpdateJob(order, statuses, journal, generations, metrics, environment, settings);
    }

    @Test
    void aFullDiskFailsTheUpdateAtOnceWithTheReasonInsteadOfRetrying() throws Exception {
        Path devFull = Path.of("/dev/full"); // Linux's device that answers every write with ENOSPC
        HttpClient http = serveOverHttps();
        // The partial file is the kernel's full device: every write fails as on a full SD card.
        Files.createDirectories(dir.resolve("download"));
        Files.createSymbolicLink(dir.resolve("download").resolve(SHA256 + ".part"), devFull);
        StatusJournal journal = journal();

        job(orderFrom("https://127.0.0.1:" + server.getAddress().getPort() + "/p.dp"), journal, http, 5,
                Duration.ofMillis(200)).run();

        assertThat(journal.latest()).hasValueSatisfying(record -> {
            assertThat(record.status().step()).isEqualTo(UpdateStatus.Step.FAILED);
            assertThat(record.status().reason()).startsWith("cannot write the package to").contains("No space left on device");
        });
        assertThat(ranges).as("a full disk is not retried like a network failure").hasSize(1);
        assertThat(metrics.failures.get()).isEqualTo(1);
        assertThat(dir.resolve("download").resolve(SHA256 + ".part")).doesNotExist();
    }

    @Test
    void aWithdrawnOrderEndsDuringTheBackOffBetweenAttemptsNotAfterIt() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StatusJournal journal = journal();
        // Ten minutes between attempts: the job must not sit them out once the order is withdrawn.
        UpdateJob job = job(orderFrom("https://127.0.0.1:" + closedPort + "/p.dp"), journal, HttpClient.newHttpClient(), 5,
                Duration.ofMinutes(10));
        Thread worker = new Thread(job, "update-job-under-test");
        worker.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> log.stream().anyMatch(line -> line.startsWith("Download attempt 1 of 1.2.0 failed")));

        assertThat(job.cancel()).isTrue();
        worker.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(worker.isAlive()).as("the job still waits out its back-off").isFalse();
        assertThat(journal.latest()).hasValueSatisfying(record -> {
            assertThat(record.status().step()).isEqualTo(UpdateStatus.Step.FAILED);
            assertThat(record.status().reason()).contains("withdrew or replaced the order");
        });
        assertThat(log).noneMatch(line -> line.startsWith("Download attempt 2"));
    }

    @Test
    void aResumedDownloadThatIsCorruptedIsFetchedAgainFromTheStartBeforeBeingJudged() throws Exception {
        new Random(3).nextBytes(content);
        HttpClient http = serveOverHttps();
        // What a power cut can leave: 40,000 bytes on disk, of which only the first 30,000 were synced.
        Path part = Files.createDirectories(dir.resolve("download")).resolve(sha256(content) + ".part");
        Files.write(part, Arrays.copyOf(Arrays.copyOf(content, 30_000), 40_000));
        StatusJournal journal = journal();

        job(orderFrom("https://127.0.0.1:" + server.getAddress().getPort() + "/p.dp", sha256(content)), journal, http, 5,
                Duration.ofMillis(200)).run();

        assertThat(ranges).as("resumed at the end of the partial file, then fetched whole; log %s", log).containsExactly("bytes=40000-", "none");
        assertThat(metrics.downloadsRestarted.get()).isEqualTo(1);
        assertThat(journal.latest()).hasValueSatisfying(record -> {
            assertThat(record.status().step()).isEqualTo(UpdateStatus.Step.REFUSED);
            assertThat(record.status().reason()).as("the digest now matches: the next check judges the package")
                    .doesNotContain("corrupted download").containsIgnoringCase("signature");
        });
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /**
     * Serves {@link #content} over HTTPS, honouring ranges, with a throw-away certificate from the
     * JDK's keytool; returns a client trusting it.
     */
    private HttpClient serveOverHttps() throws Exception {
        Path keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "test-only")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "test-only".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "test-only".toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, trust.getTrustManagers(), null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.createContext("/p.dp", exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "none" : range);
            int from = 0;
            if (range != null) {
                from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
                exchange.getResponseHeaders().add("Content-Range",
                        "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
                exchange.sendResponseHeaders(206, content.length - from);
            } else {
                exchange.sendResponseHeaders(200, content.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content, from, content.length - from);
            } catch (IOException clientGone) {
                // the client stops reading at the first failed write
            } finally {
                exchange.close();
            }
        });
        server.start();
        return HttpClient.newBuilder().sslContext(clientTls).build();
    }
}
