package fr.mutualis.fleet.audit;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import fr.mutualis.fleet.account.Role;
import java.util.Set;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log through the fleet's real HTTP API and PostgreSQL: the downlink action recorded,
 * filters and pagination, the export an outsider can check, and concurrent appenders. The tests
 * share one log; each works in communes of its own.
 */
// Its own broker and database, never shared with another test class: closed when the class ends
// rather than cached until the JVM exits.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogIT {

    private static final AtomicInteger COMMUNES = new AtomicInteger(100);
    private static final Pattern HASH_MEMBER = Pattern.compile("\"hash\":\"([0-9a-f]{64})\",");

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        TestFleet.withEmbeddedBroker(registry, "audit-log");
    }

    @LocalServerPort
    int httpPort;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Value("${mutualis.database.embedded.data-dir}")
    String dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    /** A commune code no other test uses. */
    private static String newCommune() {
        return "35" + COMMUNES.getAndIncrement();
    }

    @Autowired
    ApplicationContext fleetContext;

    private String adminToken;

    /** A syndicate administrator's token (created once): the audit log records who acted. */
    private String token() {
        if (adminToken == null) {
            adminToken = FleetApi.token(fleetContext, Role.SYNDICATE_ADMIN, Set.of());
        }
        return adminToken;
    }

    private FleetApi api() {
        return new FleetApi(httpPort, token());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .header("Authorization", "Bearer " + token()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                        .header("Authorization", "Bearer " + token())
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private List<AuditEntry> recordSome(String commune, int n) {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(audit.record(Actor.ANONYMOUS, i % 2 == 0 ? "test.even" : "test.odd", "gateway", "gw-" + i,
                    commune, null, Map.of("i", i)));
        }
        return entries;
    }

    private static List<Long> seqs(JsonNode entries) {
        List<Long> seqs = new ArrayList<>();
        entries.forEach(entry -> seqs.add(entry.get("seq").asLong()));
        return seqs;
    }

    @Test
    void queueingADownlinkRecordsWhoWhatWhenAndTheRequest() throws Exception {
        String commune = newCommune();
        String gatewayId = "gw-audit-" + commune;
        jdbc.sql("""
                INSERT INTO gateway (id, commune, status, status_changed_at, first_seen_at, last_seen_at)
                VALUES (:id, :commune, 'OFFLINE', now(), now(), now())
                """).param("id", gatewayId).param("commune", commune).update();
        Instant before = Instant.now();

        HttpResponse<String> queued = post("/api/gateways/" + gatewayId + "/downlinks", """
                {"imme":true,"freq":869.525,"powe":14,"modu":"LORA","datr":"SF9BW125","codr":"4/5","data":"YAECAw=="}""");
        HttpResponse<String> refused = post("/api/gateways/" + gatewayId + "/downlinks", """
                {"imme":true,"freq":2400,"modu":"LORA","datr":"SF9BW125","codr":"4/5","data":"YAECAw=="}""");

        assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
        assertThat(refused.statusCode()).isEqualTo(400);
        String downlinkId = json.readTree(queued.body()).get("id").asString();
        JsonNode page = api().get("/api/audit?commune=" + commune);
        assertThat(page.get("entries")).as("the refused request changed nothing and is not recorded").hasSize(1);
        JsonNode entry = page.get("entries").get(0);
        assertThat(entry.get("actor").asString()).as("the authenticated person").startsWith("test-syndicate-admin-");
        assertThat(entry.get("action").asString()).isEqualTo("downlink.queue");
        assertThat(entry.get("targetType").asString()).isEqualTo("gateway");
        assertThat(entry.get("targetId").asString()).isEqualTo(gatewayId);
        assertThat(entry.get("commune").asString()).isEqualTo(commune);
        assertThat(Instant.parse(entry.get("at").asString())).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(entry.get("before").isNull()).isTrue();
        JsonNode request = entry.get("after");
        assertThat(request.get("id").asString()).as("the request as sent to the gateway").isEqualTo(downlinkId);
        assertThat(request.get("v").asInt()).isEqualTo(1);
        assertThat(request.get("txpk").get("freq").asDouble()).isEqualTo(869.525);
        assertThat(request.get("txpk").get("data").asString()).isEqualTo("YAECAw==");
        assertThat(entry.get("communePrevHash").asString()).isEqualTo(AuditEntry.GENESIS_HASH);
        assertThat(entry.get("hash").asString()).matches("[0-9a-f]{64}");
    }

    @Test
    void filtersSelectByCommuneActionAndTime() throws Exception {
        String commune = newCommune();
        String other = newCommune();
        List<AuditEntry> mine = recordSome(commune, 12);
        recordSome(other, 3);

        assertThat(seqs(api().get("/api/audit?commune=" + commune).get("entries")))
                .containsExactlyElementsOf(mine.stream().map(AuditEntry::seq).toList());
        assertThat(seqs(api().get("/api/audit?commune=" + commune + "&action=test.odd").get("entries")))
                .containsExactlyElementsOf(mine.stream().filter(e -> e.action().equals("test.odd")).map(AuditEntry::seq).toList());

        Instant from = mine.get(3).at();
        Instant to = mine.get(9).at();
        List<Long> expected = mine.stream().filter(e -> !e.at().isBefore(from) && e.at().isBefore(to))
                .map(AuditEntry::seq).toList();
        assertThat(expected).isNotEmpty();
        assertThat(seqs(api().get("/api/audit?commune=" + commune + "&from=" + from + "&to=" + to).get("entries")))
                .as("from inclusive, to exclusive").containsExactlyElementsOf(expected);
    }

    @Test
    void pagesWalkEveryEntryOnceInLogOrder() throws Exception {
        String commune = newCommune();
        List<Long> recorded = recordSome(commune, 23).stream().map(AuditEntry::seq).toList();

        List<Long> walked = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = api().get("/api/audit?commune=" + commune + "&limit=5&after=" + after);
            walked.addAll(seqs(page.get("entries")));
            pageSizes.add(page.get("entries").size());
            if (page.get("nextAfter").isNull()) {
                break;
            }
            after = page.get("nextAfter").asLong();
        }

        assertThat(walked).containsExactlyElementsOf(recorded);
        assertThat(pageSizes).containsExactly(5, 5, 5, 5, 3);
    }

    @Test
    void badQueriesAreProblemDetails() throws Exception {
        for (String query : List.of("limit=0", "limit=1001", "after=-1", "commune=rennes", "from=yesterday",
                "from=2026-11-22T10:00:00Z&to=2026-11-22T09:00:00Z")) {
            HttpResponse<String> response = get("/api/audit?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as(query).hasValue("application/problem+json");
            assertThat(json.readTree(response.body()).get("detail").asString()).as(query).isNotBlank();
        }
        HttpResponse<String> export = get("/api/audit/export?commune=rennes");
        assertThat(export.statusCode()).isEqualTo(400);
        assertThat(json.readTree(export.body()).get("detail").asString()).contains("invalid commune code 'rennes'");
    }

    @Test
    void aCommuneExportIsJsonLinesThatAnOutsiderCanCheck() throws Exception {
        String commune = newCommune();
        String other = newCommune();
        List<AuditEntry> mine = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            mine.addAll(recordSome(commune, 2));
            recordSome(other, 1);
        }

        HttpResponse<String> response = get("/api/audit/export?commune=" + commune);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/jsonl;charset=UTF-8");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"audit-" + commune + ".jsonl\"");
        List<String> lines = response.body().lines().toList();
        assertThat(lines).hasSize(8);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            // docs/audit.md: an export line minus its "hash" member is exactly the hashed text
            Matcher hash = HASH_MEMBER.matcher(line);
            assertThat(hash.find()).as(line).isTrue();
            String content = line.substring(0, hash.start()) + line.substring(hash.end());
            assertThat(HexFormat.of().formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(hash.group(1)).isEqualTo(mine.get(i).hash());
            JsonNode entry = json.readTree(line);
            assertThat(entry.get("seq").asLong()).isEqualTo(mine.get(i).seq());
            assertThat(entry.get("commune").asString()).isEqualTo(commune);
            if (i > 0) {
                assertThat(entry.get("communePrevHash").asString()).isEqualTo(mine.get(i - 1).hash());
            }
        }

        Path file = Files.createTempFile("audit-" + commune, ".jsonl");
        Files.writeString(file, response.body());
        VerifyCommand.Result intact = VerifyCommand.run("--file=" + file, "--commune=" + commune);
        assertThat(intact.status()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("Audit log intact in the export of commune " + commune + " " + file
                + ": 8 entries");

        VerifyCommand.Result outsider = pythonReference(file, commune);
        assertThat(outsider.status()).as(outsider.output()).isZero();
        assertThat(outsider.output()).contains("intact: 8 entries, the last #" + mine.get(7).seq());

        Files.writeString(file, response.body().replace("\"targetId\":\"gw-1\"", "\"targetId\":\"gw-9\""));
        VerifyCommand.Result tampered = VerifyCommand.run("--file=" + file, "--commune=" + commune);
        assertThat(tampered.status()).as(tampered.output()).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(tampered.output()).contains("Entry #" + mine.get(1).seq() + " (test.odd on gateway gw-9 of " + commune)
                .contains("does not match its hash");
        VerifyCommand.Result outsiderTampered = pythonReference(file, commune);
        assertThat(outsiderTampered.status()).isEqualTo(1);
        assertThat(outsiderTampered.output()).contains("BROKEN: line 2: entry #" + mine.get(1).seq()
                + " does not match its hash");

        List<String> withoutOne = new ArrayList<>(lines);
        withoutOne.remove(3);
        Files.write(file, withoutOne);
        VerifyCommand.Result shortened = VerifyCommand.run("--file=" + file, "--commune=" + commune);
        assertThat(shortened.status()).as(shortened.output()).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(shortened.output()).contains("Entry #" + mine.get(4).seq() + " (")
                .contains("does not follow entry #" + mine.get(2).seq() + ", the previous one of commune " + commune);

        HttpResponse<String> all = get("/api/audit/export");
        assertThat(all.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"audit-all.jsonl\"");
        Files.writeString(file, all.body());
        VerifyCommand.Result whole = VerifyCommand.run("--file=" + file);
        assertThat(whole.status()).as(whole.output()).isZero();
        assertThat(whole.output()).contains("Audit log intact in the export " + file + ": "
                + all.body().lines().count() + " entries, #1 (");
        VerifyCommand.Result outsiderWhole = pythonReference(file, null);
        assertThat(outsiderWhole.status()).as(outsiderWhole.output()).isZero();
        assertThat(outsiderWhole.output()).contains("intact: " + all.body().lines().count() + " entries");
    }

    /**
     * docs/audit-verify-export.py, the reference check for people outside the project: a separate
     * implementation of the canonical form (Python's standard library), run on the same files.
     */
    private static VerifyCommand.Result pythonReference(Path file, String commune)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3",
                Path.of("..", "docs", "audit-verify-export.py").toAbsolutePath().normalize().toString(), file.toString()));
        if (commune != null) {
            command.add(commune);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return new VerifyCommand.Result(process.exitValue(), output);
    }

    @Test
    void concurrentAppendersKeepOneChain() throws Exception {
        int threads = 8;
        int perThread = 40;
        List<String> communes = List.of(newCommune(), newCommune(), newCommune());
        ConcurrentLinkedQueue<AuditEntry> recorded = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> appenders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                appenders.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        String commune = (thread + i) % 4 == 3 ? null : communes.get((thread + i) % 4);
                        recorded.add(audit.record(new Actor("thread-" + thread), "test.concurrent", "thing",
                                thread + "-" + i, commune, null, Map.of("thread", thread, "i", i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> appender : appenders) {
                appender.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(recorded).hasSize(threads * perThread);
        Set<Long> seqs = new TreeSet<>();
        recorded.forEach(entry -> seqs.add(entry.seq()));
        assertThat(seqs).as("every append got its own number").hasSize(threads * perThread);
        long first = seqs.iterator().next();
        assertThat(seqs).as("and the numbers are consecutive").last().isEqualTo(first + threads * perThread - 1);

        VerifyCommand.Result result = VerifyCommand.run("--mutualis.database.embedded.data-dir=" + dataDir);
        assertThat(result.status()).as(result.output()).isZero();
        long total = jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single();
        assertThat(result.output()).contains(": " + total + " entries, #1 (");
    }
}
