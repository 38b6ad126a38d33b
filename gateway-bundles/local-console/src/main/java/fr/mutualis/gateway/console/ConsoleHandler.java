package fr.mutualis.gateway.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import fr.mutualis.gateway.autonomy.lighting.LightingControl;
import fr.mutualis.gateway.autonomy.lighting.OutputState;
import fr.mutualis.gateway.console.auth.ConsoleCredential;
import fr.mutualis.gateway.console.auth.LoginThrottle;
import fr.mutualis.gateway.console.auth.Sessions;
import fr.mutualis.gateway.console.page.Pages;
import fr.mutualis.gateway.console.page.Texts;
import fr.mutualis.gateway.console.state.StateCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The console's routes: {@code GET/POST /login}, {@code GET /}, {@code POST /lighting},
 * {@code POST /enrolment}, {@code POST /logout}. Every page but the login needs a session; every
 * POST from a session carries the session's CSRF token. Form bodies are small and parsed
 * strictly: a bad one gets a 400 with the reason and is counted.
 */
final class ConsoleHandler implements HttpHandler {

    static final String SESSION_COOKIE = "mutualis_console";
    static final String LANGUAGE_COOKIE = "mutualis_lang";
    private static final int MAX_BODY = 4096;
    private static final String SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";

    private final ConsoleCredential credential;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final Pages pages;
    private final StateCollector state;
    private final Supplier<LightingControl> lighting;
    private final EnrolmentRequest.Sink enrolment;
    private final AtomicLong badRequests = new AtomicLong();
    private final AtomicLong csrfRefused = new AtomicLong();
    private final AtomicLong logins = new AtomicLong();

    ConsoleHandler(ConsoleCredential credential, LoginThrottle throttle, Sessions sessions, Pages pages,
                   StateCollector state, Supplier<LightingControl> lighting, EnrolmentRequest.Sink enrolment) {
        this.credential = credential;
        this.throttle = throttle;
        this.sessions = sessions;
        this.pages = pages;
        this.state = state;
        this.lighting = lighting;
        this.enrolment = enrolment;
    }

    Map<String, Number> metrics() {
        Map<String, Number> metrics = new HashMap<>(throttle.metrics());
        metrics.put("console.requests.bad", badRequests.get());
        metrics.put("console.csrf.refused", csrfRefused.get());
        metrics.put("console.logins", logins.get());
        return metrics;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // Not try-with-resources: the error answers below must be sent before the exchange closes.
        try {
            route(exchange);
        } catch (BadRequest e) {
            badRequests.incrementAndGet();
            respond(exchange, 400, "text/plain; charset=utf-8", e.getMessage());
        } catch (RuntimeException e) {
            respond(exchange, 500, "text/plain; charset=utf-8", "internal error: " + e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Texts texts = texts(exchange);
        if (path.equals("/login") && method.equals("GET")) {
            html(exchange, 200, pages.login(texts, null));
        } else if (path.equals("/login") && method.equals("POST")) {
            login(exchange, texts);
        } else if (path.equals("/") && method.equals("GET")) {
            Optional<Sessions.Session> session = session(exchange);
            if (session.isEmpty()) {
                redirect(exchange, "/login");
                return;
            }
            String message = query(exchange).get("msg");
            String flash = "lighting.done".equals(message) || "lighting.cleared".equals(message)
                    || "enrolment.saved".equals(message) ? texts.get(message) : null;
            html(exchange, 200, pages.dashboard(texts, state.collect(), session.get().csrfToken(), flash));
        } else if (path.equals("/lighting") && method.equals("POST")) {
            withCsrf(exchange, texts, (session, form) -> lighting(exchange, texts, session, form));
        } else if (path.equals("/enrolment") && method.equals("POST")) {
            withCsrf(exchange, texts, (session, form) -> enrol(exchange, texts, session, form));
        } else if (path.equals("/logout") && method.equals("POST")) {
            withCsrf(exchange, texts, (session, form) -> {
                sessions.close(session.id());
                exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly;"
                        + " SameSite=Strict");
                redirect(exchange, "/login");
            });
        } else if (path.equals("/login") || path.equals("/") || path.equals("/lighting") || path.equals("/enrolment")
                || path.equals("/logout")) {
            exchange.getResponseHeaders().set("Allow", path.equals("/") ? "GET" : path.equals("/login")
                    ? "GET, POST" : "POST");
            respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
        } else {
            respond(exchange, 404, "text/plain; charset=utf-8", "not found");
        }
    }

    private void login(HttpExchange exchange, Texts texts) throws IOException {
        String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        Duration wait = throttle.waitFor(client);
        if (!wait.isZero()) {
            exchange.getResponseHeaders().set("Retry-After", Long.toString(wait.toSeconds() + 1));
            html(exchange, 429, pages.login(texts, texts.format("login.locked", wait.toSeconds() + 1)));
            return;
        }
        String password = form(exchange).getOrDefault("password", "");
        if (!credential.matches(password)) {
            throttle.failed(client);
            html(exchange, 401, pages.login(texts, texts.get("login.refused")));
            return;
        }
        throttle.succeeded(client);
        logins.incrementAndGet();
        Sessions.Session session = sessions.open();
        exchange.getResponseHeaders().add("Set-Cookie", SESSION_COOKIE + "=" + session.id() + "; Path=/; Max-Age="
                + sessions.lifetime().toSeconds() + "; HttpOnly; SameSite=Strict");
        redirect(exchange, "/");
    }

    private void lighting(HttpExchange exchange, Texts texts, Sessions.Session session, Map<String, String> form)
            throws IOException {
        LightingControl control = lighting.get();
        String circuit = form.getOrDefault("circuit", "");
        String action = form.getOrDefault("action", "");
        try {
            if (control == null) {
                throw new IllegalArgumentException("no lighting control on this gateway");
            }
            switch (action) {
                case "on", "off" -> control.override(circuit, action.equals("on") ? OutputState.ON : OutputState.OFF,
                        Duration.ofHours(hours(form.getOrDefault("hours", ""))), "console");
                case "clear" -> control.clearOverride(circuit, "console");
                default -> throw new IllegalArgumentException("action must be on, off or clear, got '" + action + "'");
            }
        } catch (IllegalArgumentException e) {
            badRequests.incrementAndGet();
            html(exchange, 400, pages.dashboard(texts, state.collect(), session.csrfToken(),
                    texts.format("lighting.refused", e.getMessage())));
            return;
        }
        redirect(exchange, action.equals("clear") ? "/?msg=lighting.cleared" : "/?msg=lighting.done");
    }

    /**
     * Hands an enrolment invitation to the agent — only while the gateway has no identity: an
     * enrolled gateway is never pointed at another fleet from its console.
     */
    private void enrol(HttpExchange exchange, Texts texts, Sessions.Session session, Map<String, String> form)
            throws IOException {
        String refusal;
        try {
            if (!state.collect().gatewayId().isEmpty()) {
                throw new EnrolmentRequest.Invalid("enrolment.already");
            }
            enrolment.submit(EnrolmentRequest.of(form.get("invitation"), form.get("gatewayId")));
            refusal = null;
        } catch (EnrolmentRequest.Invalid e) {
            refusal = texts.format(e.key, e.arguments);
        } catch (IOException e) {
            refusal = texts.format("enrolment.unavailable", e.getMessage());
        }
        if (refusal != null) {
            badRequests.incrementAndGet();
            html(exchange, 400, pages.dashboard(texts, state.collect(), session.csrfToken(),
                    texts.format("enrolment.refused", refusal)));
            return;
        }
        redirect(exchange, "/?msg=enrolment.saved");
    }

    private static long hours(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hours must be a whole number, got '" + text + "'");
        }
    }

    private interface SessionAction {
        void run(Sessions.Session session, Map<String, String> form) throws IOException;
    }

    private void withCsrf(HttpExchange exchange, Texts texts, SessionAction action) throws IOException {
        Optional<Sessions.Session> session = session(exchange);
        if (session.isEmpty()) {
            redirect(exchange, "/login");
            return;
        }
        Map<String, String> form = form(exchange);
        byte[] expected = session.get().csrfToken().getBytes(StandardCharsets.US_ASCII);
        byte[] given = form.getOrDefault("csrf", "").getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            csrfRefused.incrementAndGet();
            respond(exchange, 403, "text/plain; charset=utf-8", texts.get("error.csrf"));
            return;
        }
        action.run(session.get(), form);
    }

    private Optional<Sessions.Session> session(HttpExchange exchange) {
        return sessions.find(cookies(exchange).get(SESSION_COOKIE));
    }

    /** {@code ?lang=} wins and is remembered in a cookie; then the cookie; French otherwise. */
    private static Texts texts(HttpExchange exchange) {
        String asked = query(exchange).get("lang");
        if (Texts.ENGLISH.equals(asked) || Texts.FRENCH.equals(asked)) {
            exchange.getResponseHeaders().add("Set-Cookie", LANGUAGE_COOKIE + "=" + asked
                    + "; Path=/; Max-Age=31536000; SameSite=Strict");
            return Texts.of(asked);
        }
        return Texts.of(cookies(exchange).get(LANGUAGE_COOKIE));
    }

    private static Map<String, String> cookies(HttpExchange exchange) {
        Map<String, String> cookies = new HashMap<>();
        List<String> headers = exchange.getRequestHeaders().get("Cookie");
        for (String header : headers == null ? List.<String>of() : headers) {
            for (String pair : header.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    cookies.putIfAbsent(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
                }
            }
        }
        return cookies;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        try {
            return query == null ? Map.of() : decode(query);
        } catch (BadRequest e) {
            return Map.of();
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            throw new BadRequest("expected a form (application/x-www-form-urlencoded), got " + type);
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            throw new BadRequest("form larger than " + MAX_BODY + " bytes");
        }
        return decode(new String(body, StandardCharsets.US_ASCII));
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (values.putIfAbsent(name, value) != null) {
                    throw new BadRequest("field '" + name + "' given twice");
                }
            } catch (IllegalArgumentException e) {
                throw new BadRequest("malformed form encoding: " + e.getMessage());
            }
        }
        return values;
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        respond(exchange, 303, "text/plain; charset=utf-8", "");
    }

    private static void html(HttpExchange exchange, int status, String page) throws IOException {
        respond(exchange, status, "text/html; charset=utf-8", page);
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", type);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Content-Security-Policy", SECURITY_POLICY);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** A request the console cannot read: answered 400 with this message, and counted. */
    static final class BadRequest extends IllegalArgumentException {
        BadRequest(String message) {
            super(message);
        }
    }
}
