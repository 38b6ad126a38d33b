package fr.mutualis.fleet.api;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.contract.GatewayState;
import fr.mutualis.contract.Priority;
import fr.mutualis.contract.Reading;
import fr.mutualis.contract.Txpk;
import fr.mutualis.fleet.downlink.DownlinkQueue;
import fr.mutualis.fleet.gateway.GatewayPresence;
import fr.mutualis.fleet.reading.ReadingIngest;
import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.account.Role;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.security.CommuneScope;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's lists over real HTTP on a real database: one page shape for every list, keyset
 * pages that together hold every item exactly once, the filters, and 400 problem details that
 * name the wrong parameter, its value and the rule it breaks.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiListsIT {

    /** Each test registers its own gateways in its own commune, so that tests do not see each other's. */
    private static final AtomicInteger COMMUNES = new AtomicInteger(35100);

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        TestFleet.withEmbeddedBroker(registry, "api-lists");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    GatewayPresence presence;

    @Autowired
    ReadingIngest readings;

    @Autowired
    DownlinkQueue downlinks;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    ApplicationContext fleetContext;

    @Autowired
    GatewayDirectory gateways;

    private String adminToken;

    private String token() {
        if (adminToken == null) {
            adminToken = FleetApi.token(fleetContext, Role.SYNDICATE_ADMIN, Set.of());
        }
        return adminToken;
    }

    private FleetApi api() {
        return new FleetApi(httpPort, token());
    }

    private static String newCommune() {
        return String.valueOf(COMMUNES.incrementAndGet());
    }

    private void online(String gatewayId, String commune) {
        presence.onState(GatewayState.birth(gatewayId, commune, "s-" + gatewayId, Instant.now(), Map.of()));
    }

    private void offline(String gatewayId, String commune) {
        online(gatewayId, commune);
        presence.onState(GatewayState.death(gatewayId, commune, "s-" + gatewayId, Instant.now(),
                GatewayState.REASON_CONNECTION_LOST));
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.get("id").asString()).toList();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    @Test
    void gatewayPagesHoldEveryGatewayOnceInIdOrder() throws Exception {
        String commune = newCommune();
        // Registered out of order, with ids whose byte order differs from a naive "natural" order.
        List<String> registered = List.of("gw-p-10", "gw-p-2", "gw-p-1", "gw-p-b", "gw-p-a-1", "gw-p-a", "gw-p-9");
        registered.forEach(id -> online(id, commune));

        JsonNode first = api().get("/api/gateways?commune=" + commune + "&limit=3");
        assertThat(ids(first)).containsExactly("gw-p-1", "gw-p-10", "gw-p-2");
        assertThat(first.get("next").asString()).isEqualTo("gw-p-2");
        JsonNode second = api().get("/api/gateways?commune=" + commune + "&limit=3&after=gw-p-2");
        assertThat(ids(second)).containsExactly("gw-p-9", "gw-p-a", "gw-p-a-1");
        JsonNode last = api().get("/api/gateways?commune=" + commune + "&limit=3&after=" + second.get("next").asString());
        assertThat(ids(last)).containsExactly("gw-p-b");
        assertThat(last.get("next").isNull()).as("no next page after the last").isTrue();

        assertThat(ids(api().all("/api/gateways?commune=" + commune + "&limit=1")))
                .containsExactlyElementsOf(registered.stream().sorted().toList());
    }

    @Test
    void aPageThatEndsOnTheLastGatewayHasNoNext() throws Exception {
        String commune = newCommune();
        List.of("gw-e-1", "gw-e-2", "gw-e-3", "gw-e-4").forEach(id -> online(id, commune));

        JsonNode first = api().get("/api/gateways?commune=" + commune + "&limit=2");
        JsonNode second = api().get("/api/gateways?commune=" + commune + "&limit=2&after=" + first.get("next").asString());
        assertThat(ids(second)).containsExactly("gw-e-3", "gw-e-4");
        assertThat(second.get("next").isNull()).isTrue();
        JsonNode whole = api().get("/api/gateways?commune=" + commune + "&limit=4");
        assertThat(ids(whole)).hasSize(4);
        assertThat(whole.get("next").isNull()).isTrue();
    }

    @Test
    void gatewaysAreFilteredByCommuneAndStatus() throws Exception {
        String commune = newCommune();
        String other = newCommune();
        online("gw-f-on-1", commune);
        online("gw-f-on-2", commune);
        offline("gw-f-off-1", commune);
        online("gw-f-elsewhere", other);

        assertThat(ids(api().all("/api/gateways?commune=" + commune)))
                .containsExactly("gw-f-off-1", "gw-f-on-1", "gw-f-on-2");
        assertThat(ids(api().all("/api/gateways?commune=" + commune + "&status=ONLINE")))
                .containsExactly("gw-f-on-1", "gw-f-on-2");
        assertThat(ids(api().all("/api/gateways?commune=" + commune + "&status=OFFLINE")))
                .containsExactly("gw-f-off-1");
        assertThat(ids(api().all("/api/gateways?status=ONLINE")))
                .contains("gw-f-on-1", "gw-f-elsewhere").doesNotContain("gw-f-off-1");
        JsonNode none = api().get("/api/gateways?commune=" + newCommune());
        assertThat(none.get("items")).isEmpty();
        assertThat(none.get("next").isNull()).isTrue();
    }

    @Test
    void readingPagesFollowTheSequence() throws Exception {
        String gatewayId = "gw-r-paged";
        readings.ingest(gatewayId, newCommune(), IntStream.rangeClosed(1, 5)
                .mapToObj(seq -> new Reading(seq, Instant.now(), false, Priority.NORMAL, new byte[] {(byte) seq}, null))
                .toList());
        String path = "/api/gateways/" + gatewayId + "/readings";

        JsonNode first = api().get(path + "?limit=2");
        assertThat(seqs(first)).containsExactly(1L, 2L);
        assertThat(first.get("next").asString()).isEqualTo("2");
        JsonNode second = api().get(path + "?limit=2&after=2");
        assertThat(seqs(second)).containsExactly(3L, 4L);
        JsonNode last = api().get(path + "?limit=2&after=" + second.get("next").asString());
        assertThat(seqs(last)).containsExactly(5L);
        assertThat(last.get("next").isNull()).isTrue();
        assertThat(api().all(path + "?limit=1")).extracting(r -> r.get("seq").asLong()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new ArrayList<>();
        page.get("items").forEach(item -> seqs.add(item.get("seq").asLong()));
        return seqs;
    }

    @Test
    void downlinkPagesGoFromNewestToOldest() throws Exception {
        String gatewayId = "gw-d-paged";
        online(gatewayId, newCommune());
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            queued.add(downlinks.queue(gateways.find(CommuneScope.everything(), gatewayId).orElseThrow(), txpk(),
                    Actor.ANONYMOUS).id().toString());
        }
        String path = "/api/gateways/" + gatewayId + "/downlinks";

        List<String> newestFirst = ids(api().get(path + "?limit=10"));
        assertThat(newestFirst).containsExactlyInAnyOrderElementsOf(queued);
        assertThat(ids(api().all(path + "?limit=2"))).containsExactlyElementsOf(newestFirst);
        JsonNode afterSecond = api().get(path + "?limit=2&after=" + newestFirst.get(1));
        assertThat(ids(afterSecond)).containsExactlyElementsOf(newestFirst.subList(2, 4));
    }

    private static Txpk txpk() {
        return new Txpk(true, null, null, 869.525, 0, 14, "LORA", "SF9BW125", "4/5", null, true, null, 4, "YAECAw==",
                null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/gateways?limit=0                        | limit     | 0          | must be greater than or equal to 1
            /api/gateways?limit=501                      | limit     | 501        | must be less than or equal to 500
            /api/gateways?limit=ten                      | limit     | ten        | must be an integer
            /api/gateways?status=SLEEPING                | status    | SLEEPING   | must be one of ONLINE, STALE, OFFLINE
            /api/gateways?commune=Rennes                 | commune   | Rennes     | must be an INSEE commune code such as 35238 or 2A004
            /api/gateways?after=GW-UPPER                 | after     | GW-UPPER   | must be a gateway id: 1-64 characters among a-z, 0-9 and -, not starting with -
            /api/gateways?limt=5                         | limt      | 5          | is not a parameter of this operation (it accepts: after, commune, limit, status)
            /api/gateways/gw-x/readings?afterSeq=5       | afterSeq  | 5          | is not a parameter of this operation (it accepts: after, limit)
            /api/gateways/gw-x/readings?limit=1001       | limit     | 1001       | must be less than or equal to 1000
            /api/gateways/gw-x/readings?after=-1         | after     | -1         | must be greater than or equal to 0
            /api/gateways/gw-x/downlinks?after=yesterday | after     | yesterday  | must be a UUID
            /api/gateways/gw-x/downlinks?limit=0         | limit     | 0          | must be greater than or equal to 1
            /api/gateways/gw-x?verbose=true              | verbose   | true       | is not a parameter of this operation (it accepts: none)
            """)
    void aWrongParameterIsA400ProblemThatNamesIt(String path, String parameter, String value, String rule)
            throws Exception {
        HttpResponse<String> response = send(path, "fr-FR,fr;q=0.9");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("title").asString()).isEqualTo("Invalid request parameter");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("instance").asString()).isEqualTo(path.substring(0, path.indexOf('?')));
        assertThat(problem.get("detail").asString()).as("in English, whatever the Accept-Language")
                .isEqualTo(parameter + " " + rule + " (got '" + value + "').");
        assertThat(problem.get("errors")).hasSize(1);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("parameter").asString()).isEqualTo(parameter);
        assertThat(error.get("value").asString()).isEqualTo(value);
        assertThat(error.get("detail").asString()).isEqualTo(rule);
    }

    @Test
    void everyBrokenConstraintIsListed() throws Exception {
        HttpResponse<String> response = send("/api/gateways?limit=0&commune=x", null);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode errors = json.readTree(response.body()).get("errors");
        assertThat(errors.findValuesAsString("parameter")).containsExactlyInAnyOrder("limit", "commune");
    }

    @Test
    void aCursorNamingNoDownlinkOfTheGatewayIsA400() throws Exception {
        String gatewayId = "gw-d-cursor";
        online(gatewayId, newCommune());
        UUID unknown = UUID.randomUUID();

        HttpResponse<String> response = send("/api/gateways/" + gatewayId + "/downlinks?after=" + unknown, null);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(response.body()).get("errors").get(0);
        assertThat(error.get("parameter").asString()).isEqualTo("after");
        assertThat(error.get("value").asString()).isEqualTo(unknown.toString());
        assertThat(error.get("detail").asString()).isEqualTo("names no downlink of gateway '" + gatewayId + "'");
    }

    @Test
    void anUnknownGatewayIsA404Problem() throws Exception {
        for (String path : List.of("/api/gateways/gw-nowhere", "/api/gateways/gw-nowhere/readings",
                "/api/gateways/gw-nowhere/readings/coverage", "/api/gateways/gw-nowhere/downlinks")) {
            HttpResponse<String> response = send(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json.readTree(response.body()).get("title").asString()).isEqualTo("Unknown gateway");
        }
    }

    @Test
    void frameworkErrorsAreProblemDetailsToo() throws Exception {
        HttpResponse<String> unknownPath = send("/api/nothing-here", null);
        assertThat(unknownPath.statusCode()).isEqualTo(404);
        assertThat(unknownPath.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/gateways")).header("Authorization", "Bearer " + token())
                        .DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(wrongMethod.body()).get("status").asInt()).isEqualTo(405);
    }

    private HttpResponse<String> send(String path, String acceptLanguage) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).GET()
                .header("Authorization", "Bearer " + token());
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
