package fr.mutualis.fleet.e2e.ota;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import fr.mutualis.fleet.mqtt.BrokerTls;
import fr.mutualis.fleet.pki.CertificateAuthority;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;

/**
 * Serves release packages to gateways the way the fleet's gateway port will: HTTPS with a server
 * certificate from the fleet's CA, client certificates required (the gateway's enrolment identity),
 * {@code Range} requests answered with 206. Each package can carry a fault: bytes corrupted on the
 * wire, or the connection cut after some bytes (once).
 */
public final class PackageServer implements AutoCloseable {

    /** What goes wrong when serving a package. */
    public sealed interface Fault permits None, Corrupt, CutOnce {
    }

    public record None() implements Fault {
    }

    /** One byte flipped in the middle: same length, wrong digest. */
    public record Corrupt() implements Fault {
    }

    /** The first response stops after {@code bytes} bytes and the connection is dropped. */
    public record CutOnce(long bytes) implements Fault {
    }

    /** One request as the server saw it: its range start (0 without a Range header) and bytes sent. */
    public record Served(String path, long from, long bytesSent, String clientSubject) {
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpsServer server;
    private final Map<String, byte[]> packages = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final AtomicLong bytesSent = new AtomicLong();

    public PackageServer(CertificateAuthority ca) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        var certificate = ca.issueServer(keys.getPublic(), List.of("localhost", "127.0.0.1"), Duration.ofHours(1));
        var tls = BrokerTls.context(keys.getPrivate(), List.of(certificate, ca.intermediate()), List.of(ca.root()));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = tls.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        server.createContext("/packages/", this::serve);
        server.start();
    }

    /** Publishes {@code content} at the returned URL. */
    public String add(String name, byte[] content, Fault fault) {
        packages.put(name, content);
        faults.put(name, fault);
        return "https://localhost:" + server.getAddress().getPort() + "/packages/" + name;
    }

    public List<Served> served(String name) {
        return served.stream().filter(s -> s.path().endsWith("/" + name)).toList();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/packages/".length());
        byte[] content = packages.get(name);
        String subject = exchange instanceof com.sun.net.httpserver.HttpsExchange https && https.getSSLSession() != null
                ? String.valueOf(https.getSSLSession().getPeerPrincipal()) : "";
        if (content == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        Fault fault = faults.getOrDefault(name, new None());
        byte[] body = content;
        if (fault instanceof Corrupt) {
            body = content.clone();
            body[body.length / 2] ^= 0x5A;
        }
        long from = 0;
        String range = exchange.getRequestHeaders().getFirst("Range");
        Matcher matcher = range == null ? null : RANGE.matcher(range);
        if (matcher != null && matcher.matches()) {
            from = Long.parseLong(matcher.group(1));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            exchange.sendResponseHeaders(206, body.length - from);
        } else {
            exchange.sendResponseHeaders(200, body.length);
        }
        long limit = body.length - from;
        if (fault instanceof CutOnce cut) {
            faults.put(name, new None());
            limit = Math.min(limit, cut.bytes());
        }
        long sent = 0;
        try (OutputStream out = exchange.getResponseBody()) {
            while (sent < limit) {
                int chunk = (int) Math.min(16 * 1024, limit - sent);
                out.write(body, (int) (from + sent), chunk);
                sent += chunk;
            }
        } catch (IOException cutOrGone) {
            // closing a fixed-length body early drops the connection: that is the cut
        } finally {
            served.add(new Served(exchange.getRequestURI().getPath(), from, sent, subject));
            bytesSent.addAndGet(sent);
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
