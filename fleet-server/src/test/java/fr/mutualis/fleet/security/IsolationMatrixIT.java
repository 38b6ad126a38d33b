package fr.mutualis.fleet.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.fleet.account.ApiTokens;
import fr.mutualis.fleet.account.Role;
import fr.mutualis.fleet.account.UserAccount;
import fr.mutualis.fleet.account.UserAccounts;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.commune.Commune;
import fr.mutualis.fleet.commune.CommuneDirectory;
import fr.mutualis.fleet.commune.Site;
import fr.mutualis.fleet.testsupport.FleetApi;
import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import fr.mutualis.fleet.enrolment.CreatedEnrolmentToken;
import fr.mutualis.fleet.enrolment.EnrolmentTokenRequest;
import fr.mutualis.fleet.enrolment.EnrolmentTokens;
import fr.mutualis.fleet.pki.GatewayIssuance;
import fr.mutualis.fleet.pki.Pem;
import fr.mutualis.fleet.security.CommuneScope;
import fr.mutualis.gateway.enrolment.CertificateRequest;
import fr.mutualis.fleet.testsupport.ReleasePackages;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every API route × every role × a resource of the person's own commune and of another commune,
 * over real HTTP against the real security configuration and PostgreSQL: allowed means a 2xx
 * answer, denied means 403 or 404 (never the data). Unauthenticated calls get 401 everywhere.
 * Routes are read from Spring MVC itself: a route that this table does not classify fails the test,
 * so a new endpoint cannot ship without its access rule.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IsolationMatrixIT {

    private static final String OWN = "35238";
    private static final String OTHER = "29019";

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        TestFleet.withEmbeddedBroker(registry, "isolation");
        java.nio.file.Path keys = java.nio.file.Files.createTempDirectory("mutualis-matrix-keys");
        java.nio.file.Path key = java.nio.file.Files.writeString(keys.resolve("release.pem"),
                ReleasePackages.publicKeyPem(RELEASE_KEY.getPublic()));
        registry.add("mutualis.releases.trusted-keys", key::toString);
        registry.add("mutualis.releases.dir", () -> keys.resolve("store").toString());
    }

    private static final java.security.KeyPair RELEASE_KEY = ReleasePackages.releaseKey();
    private static final String MULTIPART_BOUNDARY = "matrix-boundary";

    @LocalServerPort
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ApiTokens tokens;
    @Autowired
    CommuneDirectory communes;
    @Autowired
    JdbcClient jdbc;

    /** Who may do it. */
    enum Access {
        /** Anyone, even without credentials: the OpenAPI document. */
        PUBLIC,
        /** A list everyone may ask for; what it holds is filtered: the other commune's data never appears for a confined role. */
        LIST,
        /** About the caller only (their account, their tokens): everyone, and nothing of another person shows. */
        OWN_ACCOUNT,
        /** Everyone, on resources of the communes they see: other communes are invisible to technicians and viewers. */
        SCOPED_READ,
        /** Syndicate staff anywhere, technicians in their communes, never viewers. */
        SCOPED_CHANGE,
        /** Syndicate staff only. */
        SYNDICATE_CHANGE,
        /** Administrators only. */
        ADMIN,
        /** Everyone, on their own account and tokens; another person's token is invisible. */
        SELF,
        /** A list for the staff who install gateways (not commune viewers), filtered to the communes they see. */
        STAFF_LIST,
        /** Gateways only, authenticated by their client certificate: no person's credentials open it. */
        GATEWAY_CERTIFICATE
    }

    /** The request for a route, for a role, aimed at its own commune's resource or another's. */
    private record Route(Access access, BiFunction<Role, Boolean, String[]> request) {
    }

    /** Text that must not appear in an answer to this role: the other commune's data, or other people's. */
    private String[] foreign(Access access, Role role) {
        if ((access == Access.LIST || access == Access.STAFF_LIST) && !role.allCommunes()) {
            return new String[] {OTHER, gateway(false)};
        }
        if (access == Access.OWN_ACCOUNT) {
            return users.entrySet().stream().filter(e -> e.getKey() != role)
                    .flatMap(e -> java.util.stream.Stream.of(e.getValue().username(), e.getValue().id().toString()))
                    .toArray(String[]::new);
        }
        return new String[0];
    }

    private final Map<Role, UserAccount> users = new EnumMap<>(Role.class);
    private final Map<Role, String> tokenOf = new EnumMap<>(Role.class);
    private final Map<Boolean, UUID> siteIn = new LinkedHashMap<>();
    private final Map<Boolean, UUID> downlinkIn = new LinkedHashMap<>();
    private final Map<Boolean, UUID> tokenIn = new LinkedHashMap<>();
    private final AtomicInteger enrolments = new AtomicInteger();
    private final Map<Boolean, UUID> configPushIn = new LinkedHashMap<>();
    private final Map<Boolean, UUID> campaignIn = new LinkedHashMap<>();
    private final AtomicInteger fresh = new AtomicInteger();
    private Map<String, Route> table;
    @Autowired
    EnrolmentTokens enrolmentTokens;
    @Autowired
    GatewayIssuance issuance;

    @BeforeAll
    void world() {
        communes.create(Actor.ANONYMOUS, new Commune(OWN, "Rennes", 48.11, -1.68));
        communes.create(Actor.ANONYMOUS, new Commune(OTHER, "Brest", 48.39, -4.49));
        for (boolean own : new boolean[] {true, false}) {
            String commune = own ? OWN : OTHER;
            siteIn.put(own, communes.createSite(Actor.ANONYMOUS, commune, new Site(null, commune, "Mairie", null, null, null)).id());
            jdbc.sql("""
                    INSERT INTO gateway (id, commune, status, status_changed_at, first_seen_at, last_seen_at)
                    VALUES (:id, :commune, 'ONLINE', now(), now(), now())
                    """).param("id", gateway(own)).param("commune", commune).update();
            UUID downlink = UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO downlink (id, gateway_id, txpk, status, queued_at)
                    VALUES (:id, :gateway, '{"imme":true}'::jsonb, 'NONE', :at)
                    """).param("id", downlink).param("gateway", gateway(own)).param("at", OffsetDateTime.now()).update();
            downlinkIn.put(own, downlink);
            UUID push = UUID.randomUUID();
            jdbc.sql("""
                    INSERT INTO config_push (id, kind, scope, revision, commune, actor, created_at)
                    VALUES (:id, 'COMMUNE', :commune, 1, :commune, 'matrix', now())
                    """).param("id", push).param("commune", commune).update();
            configPushIn.put(own, push);
            campaignIn.put(own, campaign(own, "RUNNING"));
        }
        jdbc.sql("""
                INSERT INTO release (version, sha256, size, signature, key_id, bundles, uploaded_by, uploaded_at)
                VALUES ('9.0.0', :sha, 1, 'c2ln', 'matrix', '[]'::jsonb, 'matrix', now())
                """).param("sha", "0".repeat(64)).update();
        tokenIn.put(true, newToken(OWN).id());
        tokenIn.put(false, newToken(OTHER).id());
        for (Role role : Role.values()) {
            UserAccount user = accounts.create(Actor.ANONYMOUS, "matrix-" + role.name().toLowerCase().replace('_', '-'), null, role,
                    role.allCommunes() ? Set.of() : Set.of(OWN), UUID.randomUUID().toString());
            users.put(role, user);
            tokenOf.put(role, tokens.issue(Actor.ANONYMOUS, user.id(), "matrix", null).token());
        }
        table = routes();
    }

    /** Gives the gateway a fresh certificate, so that there is something to revoke. */
    private String certified(String gatewayId, String commune) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            issuance.issue(Pem.csr(CertificateRequest.pem(generator.generateKeyPair(), gatewayId)), gatewayId, commune,
                    null, java.time.Instant.now());
            return gatewayId;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private CreatedEnrolmentToken newToken(String commune) {
        return enrolmentTokens.create(new EnrolmentTokenRequest(commune, null, null, null), CommuneScope.everything(),
                Actor.ANONYMOUS);
    }

    /** A fresh code and a CSR for a gateway id of its own: enrolment has no account, each call must succeed. */
    private String enrolmentRequest() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            String csr = CertificateRequest.pem(generator.generateKeyPair(), "gw-matrix-enrol-" + enrolments.incrementAndGet());
            return "{\"code\":\"" + newToken(OWN).code() + "\",\"csr\":\"" + csr.replace("\n", "\\n") + "\"}";
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A campaign of one target, the gateway of that commune, in the given state. */
    private UUID campaign(boolean own, String state) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO campaign (id, name, release, sha256, size, signature, settings, wave_count, state,
                                      wave_started_at, created_by, created_at, updated_at)
                VALUES (:id, 'matrix', '9.0.0', :sha, 1, 'c2ln', CAST(:settings AS jsonb), 1, :state, now(), 'matrix',
                        now(), now())
                """).param("id", id).param("sha", "0".repeat(64)).param("state", state)
                .param("settings", """
                        {"communes":[],"tags":[],"releases":[],"canaries":[],"waves":[100],
                         "failureThreshold":{"maxFailed":0},"healthWindowSeconds":1,"contactTimeoutSeconds":1,
                         "maxBytesPerSecond":0,"allowDowngrade":false,"waveTimeoutSeconds":3600,"maintenanceWindows":[]}
                        """).update();
        jdbc.sql("""
                INSERT INTO campaign_target (campaign_id, gateway_id, commune, wave, state, updated_at)
                VALUES (:id, :gateway, :commune, 0, 'PENDING', now())
                """).param("id", id).param("gateway", gateway(own)).param("commune", own ? OWN : OTHER).update();
        return id;
    }

    /** A gateway of its own running a release, tagged alone, so that each campaign creation has a free target. */
    private String freshTargetTag(boolean own) {
        String tag = "matrix-" + fresh.incrementAndGet();
        jdbc.sql("""
                INSERT INTO gateway (id, commune, status, status_changed_at, first_seen_at, last_seen_at, release, tags)
                VALUES (:id, :commune, 'ONLINE', now(), now(), now(), '1.0.0', ARRAY[CAST(:tag AS text)])
                """).param("id", "gw-" + tag).param("commune", own ? OWN : OTHER).param("tag", tag).update();
        return tag;
    }

    /** A release stored under a fresh version, to be deleted. */
    private String freshRelease() {
        String version = "8.0." + fresh.incrementAndGet();
        jdbc.sql("""
                INSERT INTO release (version, sha256, size, signature, key_id, bundles, uploaded_by, uploaded_at)
                VALUES (:version, :sha, 1, 'c2ln', 'matrix', '[]'::jsonb, 'matrix', now())
                """).param("version", version).param("sha", "1".repeat(64)).update();
        return version;
    }

    /** A signed release upload as a multipart form; its bytes travel in the string as ISO-8859-1. */
    private static String[] releaseUpload() {
        byte[] content = ReleasePackages.release("7.0.0");
        String body = "--" + MULTIPART_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"package\"; filename=\"r.dp\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"
                + new String(content, java.nio.charset.StandardCharsets.ISO_8859_1) + "\r\n"
                + "--" + MULTIPART_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"signature\"\r\n\r\n"
                + ReleasePackages.sign(RELEASE_KEY.getPrivate(), content) + "\r\n--" + MULTIPART_BOUNDARY + "--\r\n";
        return new String[] {"POST", "/api/releases", body, "multipart/form-data; boundary=" + MULTIPART_BOUNDARY};
    }

    private static String gateway(boolean own) {
        return own ? "gw-matrix-own" : "gw-matrix-other";
    }

    private static final String TXPK = "{\"imme\":true,\"freq\":869.525,\"powe\":14,\"modu\":\"LORA\","
            + "\"datr\":\"SF9BW125\",\"codr\":\"4/5\",\"data\":\"YAECAw==\"}";

    /** The classification of every route: method and pattern as Spring MVC registers them. */
    private Map<String, Route> routes() {
        Map<String, Route> routes = new LinkedHashMap<>();
        routes.put("GET /api/gateways", new Route(Access.LIST,
                (role, own) -> get("/api/gateways?commune=" + (own ? OWN : OTHER))));
        routes.put("GET /api/gateways/{gatewayId}", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own))));
        routes.put("PATCH /api/gateways/{gatewayId}", new Route(Access.SCOPED_CHANGE,
                (role, own) -> send("PATCH", "/api/gateways/" + gateway(own), "{\"tags\":[\"eclairage\"]}")));
        routes.put("GET /api/gateways/{gatewayId}/readings", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/readings")));
        routes.put("GET /api/gateways/{gatewayId}/readings/coverage", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/readings/coverage")));
        routes.put("GET /api/gateways/{gatewayId}/actions", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/actions")));
        routes.put("POST /api/gateways/{gatewayId}/downlinks", new Route(Access.SCOPED_CHANGE,
                (role, own) -> send("POST", "/api/gateways/" + gateway(own) + "/downlinks", TXPK)));
        routes.put("GET /api/gateways/{gatewayId}/downlinks", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/downlinks")));
        routes.put("GET /api/gateways/{gatewayId}/downlinks/{downlinkId}", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/downlinks/" + downlinkIn.get(own))));
        routes.put("GET /api/communes", new Route(Access.LIST, (role, own) -> get("/api/communes")));
        routes.put("POST /api/communes", new Route(Access.SYNDICATE_CHANGE, (role, own) -> send("POST",
                "/api/communes", "{\"code\":\"" + (10000 + (int) (Math.random() * 80000)) + "\",\"name\":\"Test\"}")));
        routes.put("GET /api/communes/{code}", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/communes/" + (own ? OWN : OTHER))));
        routes.put("GET /api/communes/{code}/sites", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/communes/" + (own ? OWN : OTHER) + "/sites")));
        routes.put("POST /api/communes/{code}/sites", new Route(Access.SCOPED_CHANGE, (role, own) -> send("POST",
                "/api/communes/" + (own ? OWN : OTHER) + "/sites", "{\"name\":\"Armoire " + UUID.randomUUID() + "\"}")));
        routes.put("GET /api/users/me", new Route(Access.OWN_ACCOUNT, (role, own) -> get("/api/users/me")));
        routes.put("GET /api/users", new Route(Access.ADMIN, (role, own) -> get("/api/users")));
        routes.put("POST /api/users", new Route(Access.ADMIN, (role, own) -> send("POST", "/api/users",
                "{\"username\":\"u" + UUID.randomUUID().toString().substring(0, 8) + "\",\"role\":\"COMMUNE_VIEWER\","
                        + "\"communes\":[\"" + (own ? OWN : OTHER) + "\"],\"password\":\"" + UUID.randomUUID() + "\"}")));
        routes.put("GET /api/users/{id}", new Route(Access.ADMIN,
                (role, own) -> get("/api/users/" + users.get(Role.COMMUNE_VIEWER).id())));
        routes.put("PATCH /api/users/{id}", new Route(Access.ADMIN, (role, own) -> send("PATCH",
                "/api/users/" + users.get(Role.FIELD_TECHNICIAN).id(), "{\"communes\":[\"" + OWN + "\"]}")));
        routes.put("GET /api/tokens", new Route(Access.OWN_ACCOUNT, (role, own) -> get("/api/tokens")));
        routes.put("POST /api/tokens", new Route(Access.OWN_ACCOUNT,
                (role, own) -> send("POST", "/api/tokens", "{\"name\":\"matrix\"}")));
        routes.put("DELETE /api/tokens/{id}", new Route(Access.SELF, (role, own) -> send("DELETE",
                "/api/tokens/" + tokens.issue(Actor.ANONYMOUS, own ? users.get(role).id() : users.get(other(role)).id(), "to-revoke",
                        null).id(), null)));
        routes.put("GET /api/audit", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/audit?commune=" + (own ? OWN : OTHER))));
        routes.put("GET /api/audit/export", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/audit/export?commune=" + (own ? OWN : OTHER))));
        routes.put("GET /api/gateways/{gatewayId}/health", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/health")));
        routes.put("GET /api/gateways/{gatewayId}/presence", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/presence")));
        routes.put("GET /api/gateways/{gatewayId}/alerts", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/alerts")));
        routes.put("GET /api/alerts", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/alerts?commune=" + (own ? OWN : OTHER))));
        routes.put("POST /api/enrolment-tokens", new Route(Access.SCOPED_CHANGE, (role, own) -> send("POST",
                "/api/enrolment-tokens", "{\"commune\":\"" + (own ? OWN : OTHER) + "\"}")));
        routes.put("GET /api/enrolment-tokens", new Route(Access.STAFF_LIST, (role, own) -> get("/api/enrolment-tokens")));
        // Reading one token is for the staff who install gateways, as changing it is.
        routes.put("GET /api/enrolment-tokens/{id}", new Route(Access.SCOPED_CHANGE,
                (role, own) -> get("/api/enrolment-tokens/" + tokenIn.get(own))));
        routes.put("DELETE /api/enrolment-tokens/{id}", new Route(Access.SCOPED_CHANGE,
                (role, own) -> send("DELETE", "/api/enrolment-tokens/" + newToken(own ? OWN : OTHER).id(), null)));
        routes.put("POST /api/enrolment", new Route(Access.PUBLIC, (role, own) -> send("POST", "/api/enrolment",
                enrolmentRequest())));
        routes.put("POST /api/enrolment/renewal", new Route(Access.GATEWAY_CERTIFICATE, (role, own) -> send("POST",
                "/api/enrolment/renewal", "{\"csr\":\"-----BEGIN CERTIFICATE REQUEST-----\"}")));
        routes.put("GET /api/gateways/{gatewayId}/certificates", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/certificates")));
        routes.put("POST /api/gateways/{gatewayId}/revocation", new Route(Access.SCOPED_CHANGE,
                (role, own) -> send("POST", "/api/gateways/" + certified(gateway(own), own ? OWN : OTHER) + "/revocation",
                        "{\"reason\":\"matrix\"}")));
        routes.put("GET /api/pki/ca.pem", new Route(Access.PUBLIC, (role, own) -> get("/api/pki/ca.pem")));
        routes.put("GET /api/pki/crl.pem", new Route(Access.PUBLIC, (role, own) -> get("/api/pki/crl.pem")));
        routes.put("GET /enrol", new Route(Access.PUBLIC, (role, own) -> get("/enrol?code=K7QM-2XWD-9H11")));
        routes.put("GET /api/configuration/layers/{layer}", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/configuration/layers/commune:" + (own ? OWN : OTHER))));
        routes.put("PUT /api/configuration/layers/{layer}", new Route(Access.SYNDICATE_CHANGE, (role, own) -> send("PUT",
                "/api/configuration/layers/commune:" + (own ? OWN : OTHER), "{\"components\":{}}")));
        routes.put("GET /api/configuration/layers/{layer}/diff", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/configuration/layers/gateway:" + gateway(own) + "/diff")));
        routes.put("GET /api/configuration/pushes/{pushId}", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/configuration/pushes/" + configPushIn.get(own))));
        routes.put("GET /api/configuration/drift", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/configuration/drift?commune=" + (own ? OWN : OTHER))));
        routes.put("GET /api/gateways/{gatewayId}/configuration", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/configuration")));
        routes.put("GET /api/gateways/{gatewayId}/configuration/diff", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/gateways/" + gateway(own) + "/configuration/diff")));
        routes.put("POST /api/releases", new Route(Access.SYNDICATE_CHANGE, (role, own) -> releaseUpload()));
        // The catalogue holds no commune's data: everyone signed in reads it.
        routes.put("GET /api/releases", new Route(Access.LIST, (role, own) -> get("/api/releases")));
        routes.put("GET /api/releases/{version}", new Route(Access.LIST, (role, own) -> get("/api/releases/9.0.0")));
        routes.put("DELETE /api/releases/{version}", new Route(Access.SYNDICATE_CHANGE,
                (role, own) -> send("DELETE", "/api/releases/" + freshRelease(), null)));
        routes.put("GET /api/releases/{version}/package", new Route(Access.GATEWAY_CERTIFICATE,
                (role, own) -> get("/api/releases/9.0.0/package")));
        routes.put("POST /api/campaigns", new Route(Access.SYNDICATE_CHANGE, (role, own) -> send("POST", "/api/campaigns",
                "{\"name\":\"matrix\",\"release\":\"9.0.0\",\"targets\":{\"tags\":[\"" + freshTargetTag(own) + "\"]}}")));
        routes.put("GET /api/campaigns", new Route(Access.LIST, (role, own) -> get("/api/campaigns")));
        routes.put("GET /api/campaigns/{campaignId}", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/campaigns/" + campaignIn.get(own))));
        routes.put("GET /api/campaigns/{campaignId}/gateways", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/campaigns/" + campaignIn.get(own) + "/gateways")));
        routes.put("GET /api/campaigns/{campaignId}/gateways/{gatewayId}", new Route(Access.SCOPED_READ,
                (role, own) -> get("/api/campaigns/" + campaignIn.get(own) + "/gateways/" + gateway(own))));
        routes.put("POST /api/campaigns/{campaignId}/pause", new Route(Access.SYNDICATE_CHANGE,
                (role, own) -> send("POST", "/api/campaigns/" + campaign(own, "RUNNING") + "/pause", null)));
        routes.put("POST /api/campaigns/{campaignId}/resume", new Route(Access.SYNDICATE_CHANGE,
                (role, own) -> send("POST", "/api/campaigns/" + campaign(own, "PAUSED") + "/resume", null)));
        routes.put("POST /api/campaigns/{campaignId}/cancel", new Route(Access.SYNDICATE_CHANGE,
                (role, own) -> send("POST", "/api/campaigns/" + campaign(own, "RUNNING") + "/cancel", null)));
        routes.put("GET /v3/api-docs", new Route(Access.PUBLIC, (role, own) -> get("/v3/api-docs")));
        routes.put("GET /v3/api-docs.yaml", new Route(Access.PUBLIC, (role, own) -> get("/v3/api-docs.yaml")));
        return routes;
    }

    private static Role other(Role role) {
        return role == Role.SYNDICATE_ADMIN ? Role.COMMUNE_VIEWER : Role.SYNDICATE_ADMIN;
    }

    /** Sends the request; a fourth element is a content type other than JSON (the body's bytes as ISO-8859-1). */
    private static HttpResponse<String> call(FleetApi api, String[] request) throws Exception {
        if (request.length > 3) {
            return api.send(request[0], request[1], request[3],
                    request[2].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return api.send(request[0], request[1], request[2]);
    }

    private static String[] get(String path) {
        return new String[] {"GET", path, null};
    }

    private static String[] send(String method, String path, String body) {
        return new String[] {method, path, body};
    }

    private static boolean allowed(Access access, Role role, boolean own) {
        return switch (access) {
            case PUBLIC, LIST, OWN_ACCOUNT -> true;
            case SCOPED_READ -> own || role.allCommunes();
            case SCOPED_CHANGE -> role != Role.COMMUNE_VIEWER && (own || role.allCommunes());
            case SYNDICATE_CHANGE -> role.allCommunes();
            case ADMIN -> role == Role.SYNDICATE_ADMIN;
            case SELF -> own;
            case STAFF_LIST -> role != Role.COMMUNE_VIEWER;
            case GATEWAY_CERTIFICATE -> false;
        };
    }

    @Test
    void everyRouteIsClassified() {
        Set<String> registered = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.equals("/error")) {
                    continue; // Spring Boot's error page: renders the problem detail of a failed request
                }
                for (var method : info.getMethodsCondition().getMethods()) {
                    registered.add(method.name() + " " + pattern);
                }
            }
        }
        assertThat(table.keySet()).as("routes with an access rule").containsExactlyInAnyOrderElementsOf(registered);
    }

    @Test
    void everyRoleSeesAndChangesExactlyWhatItMay() throws Exception {
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (Map.Entry<String, Route> entry : table.entrySet()) {
            for (Role role : Role.values()) {
                for (boolean own : new boolean[] {true, false}) {
                    cases++;
                    String[] request = entry.getValue().request().apply(role, own);
                    HttpResponse<String> response = call(new FleetApi(port, tokenOf.get(role)), request);
                    boolean expected = allowed(entry.getValue().access(), role, own);
                    int status = response.statusCode();
                    boolean ok = expected ? status >= 200 && status < 300 : status == 403 || status == 404;
                    for (String leak : foreign(entry.getValue().access(), role)) {
                        if (response.body().contains(leak)) {
                            ok = false;
                            wrong.add(entry.getKey() + " as " + role + " shows '" + leak + "'");
                        }
                    }
                    if (!ok) {
                        wrong.add(entry.getKey() + " as " + role + (own ? " (own)" : " (other)") + ": expected "
                                + (expected ? "allowed" : "denied") + ", got " + status + " " + response.body());
                    }
                }
            }
        }
        System.out.printf("Isolation matrix: %d routes x %d roles x own/other = %d cases%n", table.size(),
                Role.values().length, cases);
        assertThat(wrong).as("access decisions that differ from the rules").isEmpty();
    }

    @Test
    void withoutCredentialsEveryNonPublicRouteAnswers401() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Route> entry : table.entrySet()) {
            if (entry.getValue().access() == Access.PUBLIC) {
                continue;
            }
            if (entry.getValue().access() == Access.GATEWAY_CERTIFICATE) {
                String[] request = entry.getValue().request().apply(Role.SYNDICATE_ADMIN, true);
                int status = call(new FleetApi(port, null), request).statusCode();
                if (status != 403) {
                    wrong.add(entry.getKey() + ": without a client certificate " + status);
                }
                continue;
            }
            String[] request = entry.getValue().request().apply(Role.SYNDICATE_ADMIN, true);
            HttpResponse<String> anonymous = call(new FleetApi(port, null), request);
            HttpResponse<String> forged = call(new FleetApi(port, "mut_forged"), request);
            if (anonymous.statusCode() != 401 || forged.statusCode() != 401) {
                wrong.add(entry.getKey() + ": anonymous " + anonymous.statusCode() + ", forged token "
                        + forged.statusCode());
            }
        }
        assertThat(wrong).isEmpty();
    }
}
