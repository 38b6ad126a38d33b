package fr.mutualis.fleet.testsupport;

import fr.mutualis.fleet.account.ApiTokens;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.account.Role;
import fr.mutualis.fleet.account.UserAccount;
import fr.mutualis.fleet.account.UserAccounts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fleet's REST API over real HTTP, as one authenticated person (bearer token). */
public final class FleetApi {

    /** Who the audit log names for people and tokens the tests create. */
    private static final Actor TEST_ACTOR = new Actor("test-setup");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String baseUrl;
    private final String token;

    public FleetApi(int port, String token) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.token = token;
    }

    /** The API as a syndicate administrator created for the test in the running fleet's database. */
    public static FleetApi asAdmin(ApplicationContext fleet, int port) {
        return new FleetApi(port, token(fleet, Role.SYNDICATE_ADMIN, Set.of()));
    }

    /** Creates a person with this role and communes in the running fleet and returns an API token of theirs. */
    public static String token(ApplicationContext fleet, Role role, Set<String> communes) {
        UserAccount user = fleet.getBean(UserAccounts.class).create(TEST_ACTOR,
                "test-" + role.name().toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8),
                null, role, communes, UUID.randomUUID().toString());
        return fleet.getBean(ApiTokens.class).issue(TEST_ACTOR, user.id(), "test", null).token();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    public int status(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Any method with an optional JSON body; the response as it came. */
    public HttpResponse<String> send(String method, String path, String jsonBody) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody);
        return http.send(request(path).header("Content-Type", "application/json").method(method, body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Any method with a body of any type (a multipart form, say); the response as it came. */
    public HttpResponse<String> send(String method, String path, String contentType, byte[] body)
            throws IOException, InterruptedException {
        return http.send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One gateway's view (with its health report), or empty if the fleet does not know it (404). */
    public Optional<JsonNode> gateway(String id) throws IOException, InterruptedException {
        String path = "/api/gateways/" + id;
        HttpResponse<String> response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Optional.of(json.readTree(response.body()));
    }

    /**
     * Every item of a paged list, following {@code next} from page to page.
     *
     * @param path the list's path, with its query if it has one
     */
    public List<JsonNode> all(String path) throws IOException, InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        JsonNode page = get(path);
        while (true) {
            page.get("items").forEach(items::add);
            JsonNode next = page.get("next");
            if (next == null || next.isNull()) {
                return items;
            }
            page = get(path + separator + "after=" + URLEncoder.encode(next.asString(), StandardCharsets.UTF_8));
        }
    }

    public String gatewayStatus(String id) throws IOException, InterruptedException {
        return gateway(id).map(g -> g.get("status").asString()).orElse("UNKNOWN");
    }

    /** The gateway's configuration view once it reported {@code outcome} for its current desired version. */
    public JsonNode awaitConfigurationOutcome(String gatewayId, String outcome) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> get("/api/gateways/" + gatewayId + "/configuration"), view -> {
                    JsonNode reported = view.get("reported");
                    return reported != null && !reported.isNull() && !view.get("desiredVersion").isNull()
                            && reported.get("attemptedVersion").asLong() == view.get("desiredVersion").asLong()
                            && reported.get("outcome").asString().equals(outcome);
                });
    }

    /**
     * The uplink may announce the gateway before its packet-forwarder server has bound its UDP port
     * (components start in parallel), and a datagram sent to an unbound port is simply lost: waits
     * until the server's counters appear in a health report of the current connection (received
     * after the gateway last became ONLINE, so a restarted gateway's previous report does not count).
     */
    public void awaitIngestListening(String gatewayId) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/gateways/" + gatewayId), gateway -> "ONLINE".equals(gateway.path("status").asString())
                        && gateway.has("lastHealthAt") && gateway.at("/lastHealth/metrics").has("ingest.gwmp.push_data")
                        && !Instant.parse(gateway.get("lastHealthAt").asString())
                                .isBefore(Instant.parse(gateway.get("statusChangedAt").asString())));
    }
}
