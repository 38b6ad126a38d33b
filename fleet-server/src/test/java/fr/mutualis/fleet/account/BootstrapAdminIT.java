package fr.mutualis.fleet.account;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.fleet.FleetServerApplication;
import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The documented first start: on a fresh database there is no account at all; the bootstrap command
 * creates the first administrator, prints a password and a token once, and refuses to run again.
 */
class BootstrapAdminIT {

    @TempDir
    Path state;

    private String database() {
        return "--mutualis.database.embedded.data-dir=" + state.resolve("postgres");
    }

    private record Run(int exitCode, String output) {
    }

    private Run bootstrap(String... extra) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String[] args = new String[extra.length + 1];
        args[0] = database();
        System.arraycopy(extra, 0, args, 1, extra.length);
        int exit = BootstrapAdmin.run(args, new PrintStream(captured, true, StandardCharsets.UTF_8));
        return new Run(exit, captured.toString(StandardCharsets.UTF_8));
    }

    private static String printed(String output, String label) {
        Matcher matcher = Pattern.compile(label + ":\\s+(\\S+)").matcher(output);
        assertThat(matcher.find()).as("'%s' in:%n%s", label, output).isTrue();
        return matcher.group(1);
    }

    @Test
    void createsTheFirstAdministratorOnceWithSecretsThatWork() throws Exception {
        Run first = bootstrap("--username=syndic");
        assertThat(first.exitCode()).as(first.output()).isZero();
        String password = printed(first.output(), "password");
        String token = printed(first.output(), "API token");

        Run second = bootstrap("--username=another");
        assertThat(second.exitCode()).isEqualTo(BootstrapAdmin.ALREADY_BOOTSTRAPPED);
        assertThat(second.output()).contains("already exists");

        int port = FreePorts.tcp();
        try (ConfigurableApplicationContext fleet = new SpringApplicationBuilder(FleetServerApplication.class)
                .run(database(), "--server.port=" + port, "--mutualis.broker.embedded.enabled=false",
                        "--mutualis.mqtt.enabled=false", "--mutualis.pki.https-port=0",
                        "--mutualis.pki.dir=" + Files.createTempDirectory("mutualis-pki"))) {
            JsonNode me = new FleetApi(port, token).get("/api/users/me");
            assertThat(me.get("username").asString()).isEqualTo("syndic");
            assertThat(me.get("role").asString()).isEqualTo("SYNDICATE_ADMIN");
            assertThat(new FleetApi(port, "mut_" + token.substring(4, 20)).status("/api/users/me")).isEqualTo(401);

            HttpResponse<String> withPassword = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/tokens"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            ("syndic:" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"laptop\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(withPassword.statusCode()).as(withPassword.body()).isEqualTo(201);
            assertThat(withPassword.body()).contains("\"token\":\"mut_");

            HttpResponse<String> wrongPassword = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/users/me"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "syndic:not-the-password".getBytes(StandardCharsets.UTF_8))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(wrongPassword.statusCode()).isEqualTo(401);
        }
    }
}
