package fr.mutualis.provisioning.revoke;

import static fr.mutualis.provisioning.CliRun.run;
import static fr.mutualis.provisioning.CliRun.runWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.mutualis.provisioning.CliRun;
import fr.mutualis.provisioning.fleet.FakeFleet;
import fr.mutualis.provisioning.fleet.FakeFleet.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RevokeCommandTest {

    static final String PATH = "/api/gateways/gw-rennes-mairie/revocation";
    static final String REVOKED = """
            {"gatewayId":"gw-rennes-mairie","revokedCertificates":["4f2a9c01d3e5b7a8","7b11c0ffee42d00d"],\
            "revokedAt":"2026-11-22T19:05:00Z"}""";

    private FakeFleet fleet;

    @BeforeEach
    void start() throws Exception {
        fleet = new FakeFleet().on("POST", PATH, Answer.json(200, REVOKED));
    }

    @AfterEach
    void stop() {
        fleet.close();
    }

    @Test
    void revokesOnceTheTechnicianHasTypedTheGatewaysIdAndSaysWhatHappensNext() throws Exception {
        CliRun result = runWithInput("gw-rennes-mairie\n", "revoke", "gw-rennes-mairie", "--reason", "volée dans l'armoire",
                "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        FakeFleet.Request request = fleet.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.authorization()).isEqualTo("Bearer " + FakeFleet.TOKEN);
        assertThat(new ObjectMapper().readTree(request.body()).path("reason").asText()).isEqualTo("volée dans l'armoire");
        assertThat(result.out())
                .contains("Vous allez révoquer la passerelle gw-rennes-mairie sur " + fleet.url())
                .contains("tapez l'identifiant de la passerelle (gw-rennes-mairie)")
                .contains("Passerelle gw-rennes-mairie révoquée le dimanche 22 novembre 2026 à 20:05 (heure de Paris).")
                .contains("Certificats révoqués (2) :", "    4f2a9c01d3e5b7a8", "    7b11c0ffee42d00d")
                .contains("la passerelle est déconnectée du serveur", "créez un nouveau jeton (mutualis token create)");
    }

    @Test
    void anyOtherAnswerRevokesNothing() {
        CliRun result = runWithInput("o\n", "revoke", "gw-rennes-mairie", "--reason", "test",
                "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("Révocation abandonnée : rien n'a été changé.");
        assertThat(fleet.requests()).isEmpty();
    }

    @Test
    void withoutAnyoneToAnswerItRefusesUnlessYes() {
        CliRun noInput = run("revoke", "gw-rennes-mairie", "--reason", "test", "--fleet", fleet.url(),
                "--api-token", FakeFleet.TOKEN);
        assertThat(noInput.exitCode()).isEqualTo(2);
        assertThat(noInput.err()).contains("ajoutez --yes");
        assertThat(fleet.requests()).isEmpty();

        CliRun yes = run("--lang", "en", "revoke", "gw-rennes-mairie", "--reason", "test", "--yes", "--fleet", fleet.url(),
                "--api-token", FakeFleet.TOKEN);
        assertThat(yes.exitCode()).as(yes.toString()).isZero();
        assertThat(yes.out()).doesNotContain("type the gateway's id")
                .contains("Gateway gw-rennes-mairie revoked on Sunday 22 November 2026 at 20:05 (Paris time).")
                .contains("create a new token (mutualis token create) and enrol it again");
        assertThat(fleet.requests()).hasSize(1);
    }

    @Test
    void aReasonIsRequired() {
        CliRun result = run("revoke", "gw-rennes-mairie", "--yes", "--fleet", fleet.url(), "--api-token", FakeFleet.TOKEN);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(fleet.requests()).isEmpty();
    }

    @Test
    void forbiddenAndUnknownGatewaysAreExplained() {
        fleet.on("POST", PATH, Answer.problem(403, "Forbidden", "Revoking a gateway needs the OPERATOR role.", PATH));
        CliRun forbidden = run("revoke", "gw-rennes-mairie", "--reason", "test", "--yes", "--fleet", fleet.url(),
                "--api-token", FakeFleet.TOKEN);
        CliRun unknown = run("revoke", "gw-nulle-part", "--reason", "test", "--yes", "--fleet", fleet.url(),
                "--api-token", FakeFleet.TOKEN);

        assertThat(forbidden.exitCode()).isEqualTo(2);
        assertThat(forbidden.err()).contains("Action non autorisée pour votre compte (403)")
                .contains("« Revoking a gateway needs the OPERATOR role. »");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Introuvable sur le serveur de flotte (404)");
    }

    @Test
    void anAlreadyRevokedGatewayHasNothingLeftToRevoke() {
        fleet.on("POST", PATH, Answer.json(200,
                "{\"gatewayId\":\"gw-rennes-mairie\",\"revokedCertificates\":[],\"revokedAt\":\"2026-11-22T19:05:00Z\"}"));

        CliRun result = run("revoke", "gw-rennes-mairie", "--reason", "test", "--yes", "--fleet", fleet.url(),
                "--api-token", FakeFleet.TOKEN);

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("Aucun certificat valide à révoquer");
    }
}
