package fr.mutualis.provisioning.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The fleet's REST API as the tools use it (see {@code docs/api.md}): JSON over HTTP under
 * {@code /api}, authenticated with a bearer API token, errors as RFC 9457 problem details. Every
 * failure a user can cause or meet in the field (a wrong token, an unknown gateway, an expired
 * enrolment token, no network) comes out as a {@link FleetException}, never as a raw exception.
 */
public final class FleetClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final String USER_AGENT = "mutualis-cli/0.1.0";

    private final URI base;
    private final String apiToken;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param base     the fleet's address, e.g. {@code https://fleet.example.org:8443} (no {@code /api})
     * @param apiToken an API token ({@code mut_…}) of the person running the tool
     */
    public FleetClient(URI base, String apiToken) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        this.apiToken = apiToken;
        // Redirects are never followed: the bearer token must not travel to another address.
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI base() {
        return base;
    }

    /** An answer of the fleet with a 2xx status. */
    public record Reply(int status, String body, JsonNode json, Optional<Instant> date) {
    }

    public Reply get(String pathAndQuery) throws FleetException {
        return send(request(pathAndQuery).GET().build());
    }

    public Reply post(String path, Object body) throws FleetException {
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + body, e);
        }
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)).build());
    }

    public Reply delete(String path) throws FleetException {
        return send(request(path).DELETE().build());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + apiToken)
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", USER_AGENT);
    }

    private Reply send(HttpRequest request) throws FleetException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw FleetException.unreachable(base.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw FleetException.unreachable(base.toString(), new IOException("interrupted", e));
        }
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String target = request.method() + " " + request.uri().getRawPath();
        if (status >= 300 && status <= 399) {
            throw FleetException.problem(status, null, response.headers().firstValue("Location").orElse("?"), target);
        }
        if (status < 200 || status > 299) {
            JsonNode problem = parseQuietly(body);
            throw FleetException.problem(status, problem == null ? null : text(problem, "title"),
                    problem == null ? null : text(problem, "detail"), target);
        }
        JsonNode node = null;
        if (!body.isBlank()) {
            node = parseQuietly(body);
            if (node == null) {
                throw FleetException.unexpected(status, "not JSON", target);
            }
        }
        Optional<Instant> date = response.headers().firstValue("Date").flatMap(FleetClient::httpDate);
        return new Reply(status, body, node, date);
    }

    private JsonNode parseQuietly(String body) {
        try {
            return body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A path segment ({@code /api/gateways/{id}}): percent-encoded, so that an id cannot change the path. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A query parameter's value. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A field's text, or null when it is absent or JSON null. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A required text field of a documented answer: its absence means the fleet does not speak our contract. */
    public static String requireText(JsonNode node, String field) throws FleetException {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw FleetException.unexpected(0, "missing '" + field + "'", "");
        }
        return value;
    }

    /** An ISO-8601 instant field, or null when absent. */
    public static Instant instant(JsonNode node, String field) throws FleetException {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw FleetException.unexpected(0, "'" + field + "' is not an instant: " + value, "");
        }
    }
}
