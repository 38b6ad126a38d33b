package fr.mutualis.gateway.ota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resumable downloads against a real HTTP server (plain HTTP here: the range logic does not depend
 * on TLS; mutual TLS is exercised end to end by the fleet server's OtaFaultMatrixIT).
 */
class PackageDownloadTest {

    private static final CountDownLatch NOT_CANCELLED = new CountDownLatch(1);

    @TempDir
    Path dir;

    private final byte[] content = new byte[300_000];
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final AtomicLong cutAfter = new AtomicLong(-1);
    private volatile boolean honourRanges = true;
    private HttpServer server;
    private URI url;
    private final PackageDownload download = new PackageDownload(HttpClient.newHttpClient(), Duration.ofSeconds(10), Duration.ofSeconds(3));

    @BeforeEach
    void serve() throws IOException {
        new Random(7).nextBytes(content);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/p.dp", this::handle);
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/p.dp");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(String.valueOf(range));
        int from = 0;
        if (range != null && honourRanges) {
            from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
            exchange.sendResponseHeaders(206, content.length - from);
        } else {
            exchange.sendResponseHeaders(200, content.length);
        }
        long limit = cutAfter.getAndSet(-1);
        int end = limit < 0 ? content.length : (int) Math.min(content.length, from + limit);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(content, from, end - from);
        } catch (IOException cut) {
            // closing a fixed-length body early drops the connection
        } finally {
            exchange.close();
        }
    }

    @Test
    void aCutDownloadResumesWithARangeAndEndsWithTheExactBytes() throws Exception {
        Path part = dir.resolve("p.part");
        cutAfter.set(100_000);
        assertThatThrownBy(() -> download.attempt(url, part, content.length, 0, bytes -> { }, NOT_CANCELLED))
                .isInstanceOf(IOException.class);
        long kept = Files.size(part);
        assertThat(kept).isPositive().isLessThanOrEqualTo(100_000);

        // a new instance, as after a restart: only the file carries the state
        long added = new PackageDownload(HttpClient.newHttpClient(), Duration.ofSeconds(10), Duration.ofSeconds(3))
                .attempt(url, part, content.length, 0, bytes -> { }, NOT_CANCELLED);

        assertThat(ranges).containsExactly("null", "bytes=" + kept + "-");
        assertThat(added).isEqualTo(content.length - kept);
        assertThat(Files.readAllBytes(part)).isEqualTo(content);
    }

    @Test
    void aServerIgnoringTheRangeMakesTheDownloadStartOverNotAppend() throws Exception {
        Path part = dir.resolve("p.part");
        Files.write(part, java.util.Arrays.copyOf(content, 1000));
        honourRanges = false;
        download.attempt(url, part, content.length, 0, bytes -> { }, NOT_CANCELLED);
        assertThat(Files.readAllBytes(part)).isEqualTo(content);
    }

    @Test
    void aCompleteFileIsNotDownloadedAgainAndAnOversizedOneIsDiscarded() throws Exception {
        Path part = Files.write(dir.resolve("p.part"), content);
        assertThat(download.attempt(url, part, content.length, 0, bytes -> { }, NOT_CANCELLED)).isZero();
        assertThat(ranges).isEmpty();

        Files.write(part, new byte[content.length + 10]);
        download.attempt(url, part, content.length, 0, bytes -> { }, NOT_CANCELLED);
        assertThat(Files.readAllBytes(part)).isEqualTo(content);
    }

    @Test
    void progressIsReportedAndCancellationStopsTheDownload() throws Exception {
        Path part = dir.resolve("p.part");
        List<Long> progress = new CopyOnWriteArrayList<>();
        download.attempt(url, part, content.length, 0, progress::add, NOT_CANCELLED);
        assertThat(progress).last().isEqualTo((long) content.length);

        Files.delete(part);
        assertThatThrownBy(() -> download.attempt(url, part, content.length, 0, bytes -> { }, new CountDownLatch(0)))
                .isInstanceOf(CancellationException.class);
    }

    @Test
    void anHttpErrorIsAnErrorNotAPackage() {
        URI missing = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/missing.dp");
        assertThatThrownBy(() -> download.attempt(missing, dir.resolve("m.part"), 10, 0, bytes -> { }, NOT_CANCELLED))
                .isInstanceOf(IOException.class).hasMessageStartingWith("HTTP 404");
    }

    @Test
    void theBandwidthCapSlowsTheDownload() throws Exception {
        long started = System.nanoTime();
        download.attempt(url, dir.resolve("p.part"), content.length, 1_000_000, bytes -> { }, NOT_CANCELLED);
        // 300 kB at 1 MB/s cannot take less than about 0.3 s
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(250));
    }

    @Test
    void aCancellationEndsTheWaitOfTheBandwidthCap() throws Exception {
        // At 100 bytes/s the first 16 KiB chunk alone would be followed by a wait of nearly three minutes.
        CountDownLatch cancellation = new CountDownLatch(1);
        CountDownLatch firstChunk = new CountDownLatch(1);
        CompletableFuture<Long> attempt = CompletableFuture.supplyAsync(() -> {
            try {
                return download.attempt(url, dir.resolve("p.part"), content.length, 100, bytes -> firstChunk.countDown(),
                        cancellation);
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
        assertThat(firstChunk.await(30, TimeUnit.SECONDS)).isTrue();

        cancellation.countDown();

        assertThatThrownBy(() -> attempt.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CancellationException.class);
    }
}
