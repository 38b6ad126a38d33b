package fr.mutualis.provisioning.checklist;

import static fr.mutualis.provisioning.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.provisioning.CliRun;
import fr.mutualis.provisioning.fleet.FakeFleet;
import fr.mutualis.provisioning.fleet.FakeFleet.Answer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checklist against a fleet that answers the documented shapes; times are relative to now (the fleet's Date). */
class ChecklistCommandTest {

    static final String GW = "/api/gateways/gw-rennes-mairie";

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private FakeFleet fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new FakeFleet()
                .on("GET", GW, Answer.json(200, gateway("ONLINE", 720, true, 12)))
                .on("GET", GW + "/certificates", Answer.json(200, certificate("VALID", Duration.ofDays(365))))
                .on("GET", GW + "/health", Answer.json(200, health(Duration.ofMillis(400))))
                .on("GET", GW + "/readings", Answer.json(200, readings(true)));
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void everythingGreenExitsZeroAndReadsTheDocumentedRoutes() {
        CliRun result = checklist();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Vérification de l'installation de la passerelle gw-rennes-mairie")
                .contains("✔ Certificat valide : valide jusqu'au ")
                .contains("(n° de série 4f2a9c01d3e5b7a8)")
                .contains("✔ Liaison au serveur : en ligne depuis 12 min")
                .contains("✔ Concentrateur entendu : statistiques du concentrateur reçues il y a ")
                .contains("(57 paquets radio entendus, 51 avec un CRC correct)")
                .contains("✔ Horloge à l'heure : la passerelle avance de 0,4 s sur le serveur")
                .contains("✔ Premier relevé reçu : 3 relevé(s) reçu(s) par le serveur")
                .contains("Tout est bon (5/5) : vous pouvez partir.")
                .doesNotContain("✘");
        assertThat(fleet.requests()).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("GET");
            assertThat(r.authorization()).isEqualTo("Bearer " + FakeFleet.TOKEN);
        });
        assertThat(fleet.requests()).extracting(r -> r.path() + (r.query() == null ? "" : "?" + r.query()))
                .containsExactly(GW, GW + "/certificates", GW + "/health?limit=1", GW + "/readings?limit=1");
    }

    @Test
    void aFreshInstallWithNothingWorkingFailsEveryCheckWithAHintAndExitsOne() {
        fleet.on("GET", GW, Answer.json(200, gateway("OFFLINE", 300, false, 0)))
                .on("GET", GW + "/certificates", Answer.json(200, "[]"))
                .on("GET", GW + "/health", Answer.json(200, "[]"))
                .on("GET", GW + "/readings", Answer.json(200, readings(false)));

        CliRun result = checklist();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out())
                .contains("✘ Certificat valide : aucun certificat : la passerelle n'est pas encore enrôlée\n"
                        + "    → Enrôlez la passerelle : créez un jeton (mutualis token create)")
                .contains("✘ Liaison au serveur : hors ligne depuis 5 min (connection-lost)\n    → Vérifiez le câble réseau")
                .contains("✘ Concentrateur entendu : le serveur n'a reçu aucun rapport de santé de la passerelle")
                .contains("✘ Horloge à l'heure : aucun rapport de santé pour comparer les horloges")
                .contains("✘ Premier relevé reçu : le serveur n'a encore reçu aucun relevé de cette passerelle\n"
                        + "    → Faites émettre un capteur")
                .contains("0/5 vérifications réussies : ne partez pas avant que tout soit ✔.");
    }

    @Test
    void aSilentConcentratorAClockOffAndACertificateAboutToExpireAreCaught() {
        fleet.on("GET", GW, Answer.json(200, gateway("ONLINE", 720, true, 300)))
                .on("GET", GW + "/certificates", Answer.json(200, certificate("VALID", Duration.ofDays(3))))
                .on("GET", GW + "/health", Answer.json(200, health(Duration.ofSeconds(-42))));

        CliRun result = checklist();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out())
                .contains("✘ Certificat valide : le certificat expire le ")
                .contains("dans moins de 7 jours")
                .contains("✘ Concentrateur entendu : aucune statistique du concentrateur depuis 5 min")
                .contains("    → Vérifiez que le packet forwarder tourne")
                .contains("✘ Horloge à l'heure : la passerelle retarde de 42,0 s sur le serveur")
                .contains("    → Vérifiez la synchronisation de l'heure (timedatectl status)")
                .contains("2/5 vérifications réussies");
    }

    @Test
    void aRevokedCertificateIsNotValidEvenIfAnotherOneExpired() {
        fleet.on("GET", GW + "/certificates", Answer.json(200, "[" + entry("EXPIRED", Duration.ofDays(-1)) + ","
                + entry("REVOKED", Duration.ofDays(300)) + "]"));

        CliRun result = checklist();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("✘ Certificat valide : le certificat de la passerelle a été révoqué");
    }

    @Test
    void waitChecksAgainUntilTheFirstReadingArrives() {
        AtomicInteger calls = new AtomicInteger();
        fleet.on("GET", GW + "/readings", request -> Answer.json(200, readings(calls.incrementAndGet() >= 3)));

        CliRun result = checklist("--wait", "PT30S", "--poll-interval", "PT0.2S");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("✘ Premier relevé reçu")
                .contains("Nouvel essai toutes les 0 s pendant 30 s au plus")
                .containsPattern("\\d\\d:\\d\\d:\\d\\d ✔ Premier relevé reçu : 3 relevé\\(s\\)")
                .contains("Tout est bon (5/5)");
        assertThat(calls.get()).isEqualTo(3);
    }

    @Test
    void waitGivesUpWhenTheTimeIsUp() {
        fleet.on("GET", GW + "/readings", Answer.json(200, readings(false)));

        CliRun result = checklist("--wait", "PT1S", "--poll-interval", "PT0.3S");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("Temps écoulé ; restent à corriger :").contains("4/5 vérifications réussies");
    }

    @Test
    void anUnknownGatewayIsAnApiErrorWithExitCodeTwo() {
        CliRun result = run("checklist", "gw-inconnue", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Introuvable sur le serveur de flotte (404)").contains("No route /api/gateways/gw-inconnue");
    }

    @Test
    void inEnglish() {
        CliRun result = run("--lang", "en", "checklist", "gw-rennes-mairie", "--fleet", fleet.url(),
                "--api-token", FakeFleet.TOKEN);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("✔ Clock in sync: the gateway is 0.4 s ahead of the server")
                .contains("✔ Link to the server: online for 12 min").contains("All good (5/5): you can leave.");
    }

    private CliRun checklist(String... more) {
        String[] args = {"checklist", "gw-rennes-mairie", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return run(all);
    }

    /** GatewayView, with the latest health report as the gateway sent it ({@code lastHealth}). */
    private String gateway(String status, long statusSeconds, boolean health, long statAgeSeconds) {
        Instant reportAt = now.minusSeconds(10);
        String lastHealth = !health ? "" : """
                ,"lastHealth":{"v":1,"gatewayId":"gw-rennes-mairie","commune":"35238","session":"s1","at":"%s",\
                "uptimeSeconds":800,"metrics":{"concentrator.stat.reports":24,"concentrator.stat.age.seconds":%d,\
                "concentrator.rxnb":57,"concentrator.rxok":51,"uplink.connected":1}},"lastHealthAt":"%s"\
                """.formatted(reportAt, statAgeSeconds, reportAt);
        return """
                {"id":"gw-rennes-mairie","commune":"35238","status":"%s","statusReason":"%s","statusChangedAt":"%s",\
                "statusDurationSeconds":%d,"firstSeenAt":"%s","lastSeenAt":"%s","tags":[],"readingCount":3,\
                "lastReadingAt":"%s"%s}""".formatted(status, "ONLINE".equals(status) ? "birth" : "connection-lost",
                now.minusSeconds(statusSeconds), statusSeconds, now.minusSeconds(3600), now.minusSeconds(5),
                now.minusSeconds(20), lastHealth);
    }

    private String certificate(String status, Duration validFor) {
        return "[" + entry(status, validFor) + "]";
    }

    private String entry(String status, Duration validFor) {
        return """
                {"serial":"4f2a9c01d3e5b7a8","notBefore":"%s","notAfter":"%s","status":"%s",\
                "fingerprint":"SHA256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}\
                """.formatted(now.minus(Duration.ofDays(1)), now.plus(validFor), status);
    }

    /** HealthView: the gateway's clock is {@code offset} ahead of the fleet's. */
    private String health(Duration offset) {
        Instant received = now.minusSeconds(10);
        return """
                [{"id":41,"gatewayId":"gw-rennes-mairie","session":"s1","reportedAt":"%s","receivedAt":"%s",\
                "uptimeSeconds":800,"temperatureCelsius":41.5,"uplinkConnected":true}]\
                """.formatted(received.plus(offset), received);
    }

    private String readings(boolean any) {
        return !any ? "{\"items\":[],\"next\":null}" : """
                {"items":[{"gatewayId":"gw-rennes-mairie","seq":1,"receivedAt":"%s","storedAt":"%s","late":false,\
                "priority":"NORMAL","payload":"QAEAAAAAAQABAg=="}],"next":1}""".formatted(now.minusSeconds(60), now.minusSeconds(59));
    }
}
