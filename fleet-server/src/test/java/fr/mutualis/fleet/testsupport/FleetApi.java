package fr.mutualis.fleet.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fleet's REST API over real HTTP. */
public final class FleetApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String baseUrl;

    public FleetApi(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return json.readTree(response.body());
    }

    public int status(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** One gateway's view (with its health report), or empty if the fleet does not know it (404). */
    public Optional<JsonNode> gateway(String id) throws IOException, InterruptedException {
        String path = "/api/gateways/" + id;
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
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
}
