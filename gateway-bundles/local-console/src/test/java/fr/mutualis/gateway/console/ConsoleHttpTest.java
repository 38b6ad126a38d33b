package fr.mutualis.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's protections over plain HTTP: sessions, CSRF, lock-out, strict forms. */
class ConsoleHttpTest {

    @TempDir
    Path data;

    private ConsoleFixture gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        gateway = new ConsoleFixture(data);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    private HttpResponse<String> post(String path, String cookie, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url(path))).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String signIn() throws Exception {
        HttpResponse<String> response = post("/login", null, "password=" + gateway.password);
        assertThat(response.statusCode()).isEqualTo(303);
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String csrf(String page) {
        Matcher matcher = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void pagesAndActionsNeedASession() throws Exception {
        assertThat(get("/", null).statusCode()).isEqualTo(303);
        assertThat(post("/lighting", null, "circuit=street-1&action=on&hours=1").statusCode()).isEqualTo(303);
        assertThat(gateway.board.pinHigh("street-1")).isFalse();
        assertThat(get("/", "mutualis_console=forged").headers().firstValue("Location")).contains("/login");
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefusedAndCounted() throws Exception {
        String session = signIn();
        HttpResponse<String> refused = post("/lighting", session, "csrf=wrong&circuit=street-1&action=on&hours=1");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(gateway.board.pinHigh("street-1")).isFalse();
        assertThat(gateway.server.metrics()).containsEntry("console.csrf.refused", 1L);

        String token = csrf(get("/", session).body());
        assertThat(post("/lighting", session, "csrf=" + token + "&circuit=street-1&action=on&hours=1").statusCode())
                .isEqualTo(303);
        assertThat(gateway.board.pinHigh("street-1")).isTrue();
    }

    @Test
    void badFormsGetAReasonAndACounter() throws Exception {
        String session = signIn();
        String token = csrf(get("/", session).body());
        HttpResponse<String> unknown = post("/lighting", session, "csrf=" + token + "&circuit=street-9&action=on&hours=1");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("Forçage refusé", "street-9");
        HttpResponse<String> tooLong = post("/lighting", session, "csrf=" + token + "&circuit=street-1&action=on&hours=48");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        HttpResponse<String> malformed = post("/lighting", session, "csrf=" + token + "&circuit=%zz");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed form encoding");
        HttpResponse<String> huge = post("/login", null, "password=" + "a".repeat(5000));
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(gateway.server.metrics().get("console.requests.bad").longValue()).isEqualTo(4);
        assertThat(gateway.board.pinHigh("street-1")).isFalse();
    }

    @Test
    void aGatewayWithoutIdentityTakesItsEnrolmentAddressFromTheConsole() throws Exception {
        String session = signIn();
        String page = get("/", session).body();
        assertThat(page).contains("id=\"enrolment\"", "Adresse d&#39;enrôlement");
        String token = csrf(page);
        String invitation = "https://flotte.syndicat-exemple.fr:8443/enrol?code=K7QM-2XWD-9H11&ca=n4bQgYhMfWWa";

        assertThat(post("/enrolment", null, "invitation=x").statusCode()).as("needs a session").isEqualTo(303);
        assertThat(post("/enrolment", session, "csrf=wrong&invitation=" + encode(invitation)).statusCode())
                .isEqualTo(403);
        HttpResponse<String> notAnInvitation = post("/enrolment", session, "csrf=" + token
                + "&invitation=" + encode("http://flotte.example/enrol?code=K7QM"));
        assertThat(notAnInvitation.statusCode()).isEqualTo(400);
        assertThat(notAnInvitation.body()).contains("Enrôlement refusé", "https://…/enrol?code=…&amp;ca=…");
        HttpResponse<String> badId = post("/enrolment", session, "csrf=" + token + "&invitation=" + encode(invitation)
                + "&gatewayId=" + encode("Mairie 1"));
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("Mairie 1");
        assertThat(gateway.enrolments).as("nothing handed over for bad forms").isEmpty();

        HttpResponse<String> saved = post("/enrolment", session, "csrf=" + token + "&invitation=" + encode(invitation)
                + "&gatewayId=gw-rennes-mairie");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).contains("/?msg=enrolment.saved");
        assertThat(gateway.enrolments).containsExactly(new EnrolmentRequest(invitation, "gw-rennes-mairie"));
        assertThat(get("/?msg=enrolment.saved", session).body()).contains("la passerelle s&#39;enrôle");
        assertThat(gateway.server.metrics()).containsEntry("console.requests.bad", 2L);
    }

    @Test
    void repeatedWrongPasswordsLockTheClientOutEvenForTheRightOne() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(post("/login", null, "password=guess" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = post("/login", null, "password=" + gateway.password);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();
        assertThat(locked.body()).contains("Trop d&#39;essais");
        assertThat(gateway.server.metrics()).containsEntry("console.login.failures", 5L)
                .containsEntry("console.login.lockouts", 1L);
    }

    @Test
    void theLabelsSpellingIsAccepted() throws Exception {
        String spaced = gateway.password.toUpperCase().replace("-", "+");
        assertThat(post("/login", null, "password=" + spaced).statusCode()).isEqualTo(303);
    }
}
