package fr.mutualis.fleet.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    public Optional<JsonNode> gateway(String id) throws IOException, InterruptedException {
        for (JsonNode gateway : get("/api/gateways")) {
            if (gateway.get("id").asString().equals(id)) {
                return Optional.of(gateway);
            }
        }
        return Optional.empty();
    }

    public String gatewayStatus(String id) throws IOException, InterruptedException {
        return gateway(id).map(g -> g.get("status").asString()).orElse("UNKNOWN");
    }
}
