package fr.mutualis.provisioning.fleet;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A fleet server that speaks the documented contract and nothing more: each route answers what
 * the test says, every request is recorded for the test to check (method, path, query, bearer
 * header, body). An unconfigured route answers the fleet's 404 problem.
 */
public final class FakeFleet implements AutoCloseable {

    public static final String TOKEN = "mut_test-token";

    /** A request as the fleet received it. */
    public record Request(String method, String path, String query, String authorization, String contentType, String body) {
    }

    /** An answer: status, body (empty for none), content type, and a {@code Location} for redirects. */
    public record Answer(int status, String body, String contentType, String location) {

        public Answer(int status, String body, String contentType) {
            this(status, body, contentType, null);
        }

        public static Answer redirect(String location) {
            return new Answer(301, "", null, location);
        }

        public static Answer json(int status, String body) {
            return new Answer(status, body, "application/json");
        }

        public static Answer problem(int status, String title, String detail, String path) {
            return new Answer(status, "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"" + detail + "\",\"instance\":\"" + path + "\"}", "application/problem+json");
        }

        public static Answer noContent() {
            return new Answer(204, "", null);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeFleet() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (the raw path, without the query) with what {@code answer} returns. */
    public FakeFleet on(String method, String path, Function<Request, Answer> answer) {
        routes.put(method + " " + path, answer);
        return this;
    }

    public FakeFleet on(String method, String path, Answer answer) {
        return on(method, path, request -> answer);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body);
            requests.add(request);
            Function<Request, Answer> route = routes.get(request.method() + " " + request.path());
            Answer answer = route != null ? route.apply(request)
                    : Answer.problem(404, "Not Found", "No route " + request.path(), request.path());
            if (answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            if (answer.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
