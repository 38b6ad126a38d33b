package fr.mutualis.provisioning.token;

import static fr.mutualis.provisioning.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.mutualis.provisioning.CliRun;
import fr.mutualis.provisioning.fleet.FakeFleet;
import fr.mutualis.provisioning.fleet.FakeFleet.Answer;
import fr.mutualis.provisioning.qr.QrDecoding;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenCommandsTest {

    static final String URL = "https://fleet.example.org:8443/enrol?code=K7QM-2XWD-9H11"
            + "&ca=n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg";
    static final String CREATED = """
            {"id":"5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10","code":"K7QM-2XWD-9H11","commune":"35238","site":null,\
            "gatewayId":null,"expiresAt":"2026-11-23T19:00:00Z","enrolmentUrl":"%s"}""".formatted(URL);

    private final ObjectMapper json = new ObjectMapper();
    private FakeFleet fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new FakeFleet();
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void createPostsTheContractAndShowsTheCodeTheExpiryInParisTimeAndAQrCodeThatDecodes(@TempDir Path dir) throws Exception {
        fleet.on("POST", "/api/enrolment-tokens", Answer.json(201, CREATED));
        Path png = dir.resolve("jeton.png");

        CliRun result = run("token", "create", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN,
                "--commune", "35238", "--site", "mairie", "--valid-for", "P1D", "--qr-png", png.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        FakeFleet.Request request = fleet.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/enrolment-tokens");
        assertThat(request.authorization()).isEqualTo("Bearer " + FakeFleet.TOKEN);
        assertThat(request.contentType()).startsWith("application/json");
        JsonNode body = json.readTree(request.body());
        assertThat(body.path("commune").asText()).isEqualTo("35238");
        assertThat(body.path("site").asText()).isEqualTo("mairie");
        assertThat(body.path("gatewayId").isNull()).isTrue();
        assertThat(body.path("validFor").asText()).isEqualTo("PT24H");

        assertThat(result.out())
                .contains("Jeton d'enrôlement créé")
                .contains("K 7 Q M  -  2 X W D  -  9 H 1 1")
                .contains("\n  Commune     : 35238")
                .contains("(tout site de la commune)")
                .contains("  Expire le   : lundi 23 novembre 2026 à 20:00 (heure de Paris), dans ")
                .contains("Adresse d'enrôlement : " + URL)
                .contains("QR code enregistré dans " + png);
        assertThat(QrDecoding.decode(QrDecoding.terminalImage(qrLines(result.out()), 4))).isEqualTo(URL);
        assertThat(QrDecoding.decode(ImageIO.read(png.toFile()))).isEqualTo(URL);
    }

    @Test
    void aPngThatCannotBeWrittenStillShowsTheTokenAlreadyCreated(@TempDir Path dir) throws Exception {
        fleet.on("POST", "/api/enrolment-tokens", Answer.json(201, CREATED));
        Files.writeString(dir.resolve("file"), "not a directory");

        CliRun result = run("token", "create", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN,
                "--commune", "35238", "--qr-png", dir.resolve("file/jeton.png").toString());

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("Impossible d'écrire le QR code dans").contains("le jeton est bien créé");
        assertThat(result.out()).contains("K 7 Q M  -  2 X W D  -  9 H 1 1").contains(URL).doesNotContain("QR code enregistré");
    }

    @Test
    void createInEnglish() {
        fleet.on("POST", "/api/enrolment-tokens", Answer.json(201, CREATED));

        CliRun result = run("--lang", "en", "token", "create", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN,
                "--commune", "35238");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Enrolment token created")
                .contains("  Expires:    Monday 23 November 2026 at 20:00 (Paris time), in ")
                .contains("Enrolment address: " + URL);
    }

    @Test
    void theLanguageOptionAlsoWorksAfterTheSubcommand() {
        fleet.on("POST", "/api/enrolment-tokens", Answer.json(201, CREATED));

        CliRun result = run("token", "create", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN,
                "--commune", "35238", "--lang", "en");

        assertThat(result.out()).as(result.toString()).contains("Enrolment token created");
    }

    @Test
    void jsonPrintsTheRawAnswerForScripts() throws Exception {
        fleet.on("POST", "/api/enrolment-tokens", Answer.json(201, CREATED));

        CliRun result = run("token", "create", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN,
                "--commune", "2A004", "--gateway-id", "gw-ajaccio-port", "--json");

        assertThat(result.exitCode()).isZero();
        assertThat(json.readTree(result.out())).isEqualTo(json.readTree(CREATED));
        assertThat(json.readTree(fleet.requests().get(0).body()).path("gatewayId").asText()).isEqualTo("gw-ajaccio-port");
    }

    @Test
    void aRefusedApiTokenIsOneFrenchSentenceWithTheFleetsDetailAndExitCode2() {
        fleet.on("POST", "/api/enrolment-tokens",
                Answer.problem(401, "Unauthorized", "The API token has expired.", "/api/enrolment-tokens"));

        CliRun result = run("token", "create", "--fleet", fleet.url(), "--api-token", "mut_old", "--commune", "35238");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Authentification refusée par le serveur de flotte (401)")
                .contains("Détail du serveur : « The API token has expired. »")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void anUnreachableFleetSaysSoWithoutAStackTrace() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CliRun result = run("token", "create", "--fleet", "http://127.0.0.1:" + closedPort, "--api-token", FakeFleet.TOKEN,
                "--commune", "35238");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Serveur de flotte injoignable (http://127.0.0.1:" + closedPort + ")")
                .contains("connexion refusée").doesNotContain("Exception");
    }

    @Test
    void anAnswerOutsideTheContractIsAnErrorNotACrash() {
        fleet.on("POST", "/api/enrolment-tokens", Answer.json(201, "{\"id\":\"x\"}"));
        CliRun missingCode = run("token", "create", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN, "--commune", "35238");
        fleet.on("POST", "/api/enrolment-tokens", new Answer(201, "<html>proxy</html>", "text/html"));
        CliRun notJson = run("token", "create", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN, "--commune", "35238");

        assertThat(missingCode.exitCode()).isEqualTo(2);
        assertThat(missingCode.err()).contains("Réponse du serveur de flotte incomplète ou mal formée : missing 'code'");
        assertThat(notJson.exitCode()).isEqualTo(2);
        assertThat(notJson.err()).contains("Réponse inattendue du serveur de flotte (HTTP 201) : POST /api/enrolment-tokens : not JSON");
    }

    @Test
    void aRedirectIsNotFollowedSoThatTheTokenStaysHere() {
        fleet.on("GET", "/api/enrolment-tokens", Answer.redirect("https://flotte.example.org/api/enrolment-tokens"));
        CliRun result = run("token", "list", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Le serveur de flotte renvoie vers une autre adresse (301 : https://flotte.example.org/api/enrolment-tokens)");
        assertThat(fleet.requests()).hasSize(1);
    }

    @Test
    void aValidityThatIsNotAnIsoDurationIsRefusedInFrench() {
        CliRun result = run("token", "create", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN, "--commune", "35238",
                "--valid-for", "24h");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Durée de validité invalide : 24h");
        assertThat(fleet.requests()).isEmpty();
    }

    @Test
    void usageErrorsAreCaughtBeforeAnyRequest() {
        CliRun badCommune = run("token", "create", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN, "--commune", "3523");
        CliRun noToken = run("token", "create", "--fleet", fleet.url(), "--commune", "35238");
        CliRun badUrl = run("token", "create", "--fleet", "fleet.example.org", "--api-token", "t", "--commune", "35238");

        assertThat(badCommune.exitCode()).isEqualTo(2);
        assertThat(badCommune.err()).contains("Code commune invalide : « 3523 »");
        // MUTUALIS_API_TOKEN may be set where the tests run: only check when it is not.
        if (System.getenv("MUTUALIS_API_TOKEN") == null) {
            assertThat(noToken.exitCode()).isEqualTo(2);
            assertThat(noToken.err()).contains("Jeton d'API manquant");
        }
        assertThat(badUrl.exitCode()).isEqualTo(2);
        assertThat(badUrl.err()).contains("Adresse du serveur de flotte invalide");
        assertThat(fleet.requests()).isEmpty();
    }

    @Test
    void listFollowsThePagesAndPrintsATable() {
        fleet.on("GET", "/api/enrolment-tokens", request -> request.query().contains("after=")
                ? Answer.json(200, """
                        {"items":[{"id":"9d0e1f2a-0000-4000-8000-000000000002","commune":"35238","site":null,"gatewayId":null,\
                        "status":"EXPIRED","createdBy":"alice","createdAt":"2026-11-01T08:00:00Z",\
                        "expiresAt":"2026-11-02T08:00:00Z","usedAt":null,"usedByGateway":null}],"next":null}""")
                : Answer.json(200, """
                        {"items":[{"id":"5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10","commune":"35238","site":"mairie",\
                        "gatewayId":null,"status":"USED","createdBy":"bob","createdAt":"2026-11-22T08:00:00Z",\
                        "expiresAt":"2026-11-23T08:00:00Z","usedAt":"2026-11-22T09:30:00Z",\
                        "usedByGateway":"gw-rennes-mairie"}],"next":"5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10"}"""));

        CliRun result = run("token", "list", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN, "--commune", "35238");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fleet.requests()).extracting(FakeFleet.Request::query).containsExactly("commune=35238",
                "commune=35238&after=5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10");
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ID").contains("ÉTAT").contains("EXPIRE LE");
        assertThat(lines.get(1)).contains("5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10", "mairie", "utilisé", "23/11/2026 09:00",
                "bob", "22/11/2026 10:30 (gw-rennes-mairie)");
        assertThat(lines.get(2)).contains("expiré", "alice");
        // Columns line up.
        assertThat(lines.get(1).indexOf("35238")).isEqualTo(lines.get(0).indexOf("COMMUNE"));
    }

    @Test
    void anEmptyListSaysSo() {
        fleet.on("GET", "/api/enrolment-tokens", Answer.json(200, "{\"items\":[],\"next\":null}"));

        CliRun result = run("token", "list", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("Aucun jeton d'enrôlement." + System.lineSeparator());
        assertThat(fleet.requests().get(0).query()).isNull();
    }

    @Test
    void cancelDeletesTheToken() {
        fleet.on("DELETE", "/api/enrolment-tokens/5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10", Answer.noContent());

        CliRun result = run("token", "cancel", "5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10", "--fleet", fleet.url(),
                "--api-token", FakeFleet.TOKEN);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(fleet.requests().get(0).authorization()).isEqualTo("Bearer " + FakeFleet.TOKEN);
        assertThat(result.out()).contains("Jeton 5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10 annulé");
    }

    @Test
    void cancellingAnExpiredTokenExplainsTheGoneAnswerInFrenchAndEnglish() {
        String path = "/api/enrolment-tokens/5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10";
        fleet.on("DELETE", path, Answer.problem(410, "Enrolment token expired",
                "The enrolment token expired at 2026-11-21T19:00:00Z.", path));

        CliRun french = run("token", "cancel", "5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10", "--fleet", fleet.url(),
                "--api-token", FakeFleet.TOKEN);
        CliRun english = run("--lang", "en", "token", "cancel", "5b8f2c1e-6a43-4c7e-9a0e-3f1d2b7c9e10", "--fleet",
                fleet.url(), "--api-token", FakeFleet.TOKEN);

        assertThat(french.exitCode()).isEqualTo(2);
        assertThat(french.err()).contains("Plus disponible (410) : le jeton a expiré")
                .contains("« The enrolment token expired at 2026-11-21T19:00:00Z. »");
        assertThat(english.exitCode()).isEqualTo(2);
        assertThat(english.err()).contains("Gone (410): the token has expired")
                .contains("Server's detail: \"The enrolment token expired at 2026-11-21T19:00:00Z.\"");
    }

    @Test
    void anIdCannotReachAnotherPath() {
        CliRun result = run("token", "cancel", "../../gateways/gw-1", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(fleet.requests().get(0).path()).isEqualTo("/api/enrolment-tokens/..%2F..%2Fgateways%2Fgw-1");
    }

    /** The QR code's lines: those after the invitation to scan, up to the enrolment address. */
    static List<String> qrLines(String out) {
        List<String> lines = out.lines().toList();
        int from = 0;
        while (!lines.get(from).startsWith("Scannez") && !lines.get(from).startsWith("Scan")) {
            from++;
        }
        int to = from + 1;
        while (!lines.get(to).contains("enrol")) {
            to++;
        }
        return lines.subList(from + 1, to);
    }
}
