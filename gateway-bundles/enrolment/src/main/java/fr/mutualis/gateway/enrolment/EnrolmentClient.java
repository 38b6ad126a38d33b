package fr.mutualis.gateway.enrolment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Enrols this device: generates an EC P-256 key pair here, sends a CSR with the code over HTTPS to
 * a fleet verified against the invitation's pinned root, checks what comes back (the certificate is
 * for our key and chains to that same root), and saves it all with {@link IdentityFiles}.
 */
public final class EnrolmentClient {

    private final ObjectMapper json = new ObjectMapper();
    private final Duration timeout;

    public EnrolmentClient(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * @param proposedGatewayId the id this gateway asks for (empty: the code must name one)
     */
    public EnrolledIdentity enrol(EnrolmentInvitation invitation, String proposedGatewayId, IdentityFiles files)
            throws EnrolmentException {
        // Kept before the request and reused on a retry: if the fleet issued the certificate but the
        // answer was lost, the same code with the same key gets the same certificate back.
        KeyPair keys = pendingKeys(files);
        HttpClient http;
        ObjectNode body;
        try {
            body = json.createObjectNode().put("code", invitation.code())
                    .put("csr", CertificateRequest.pem(keys, proposedGatewayId == null ? "" : proposedGatewayId.trim()));
            http = HttpClient.newBuilder().sslContext(PinnedRootTrust.sslContext(invitation.rootFingerprint()))
                    .connectTimeout(timeout).build();
        } catch (GeneralSecurityException e) {
            throw new EnrolmentException("PROTOCOL", "cannot create the CSR: " + e.getMessage(), true, e);
        }
        String answer = post(http, invitation.fleetUrl(), "/api/enrolment", body);
        return accept(answer, keys, invitation.rootFingerprint(), files);
    }

    /**
     * Renews the current certificate before it expires: a new key pair, a CSR, sent to the fleet's
     * gateway HTTPS port over mutual TLS with the current certificate (which is the credential),
     * trusting only the syndicate's root. The new identity replaces the old one atomically.
     */
    public EnrolledIdentity renew(IdentityFiles files) throws EnrolmentException {
        EnrolledIdentity current;
        HttpClient http;
        byte[] rootFingerprint;
        KeyPair keys = pendingKeys(files);
        ObjectNode body;
        try {
            current = files.load().orElseThrow(() -> new EnrolmentException("PROTOCOL", "not enrolled", true, null));
            X509Certificate root = certificates(Files.readString(files.rootCaFile())).get(0);
            rootFingerprint = PinnedRootTrust.sha256(root);
            http = HttpClient.newBuilder().sslContext(MutualTls.context(files.keyFile(current),
                    files.certificateChainFile(current), root)).connectTimeout(timeout).build();
            body = json.createObjectNode().put("csr", CertificateRequest.pem(keys, current.gatewayId()));
        } catch (IOException | GeneralSecurityException e) {
            throw new EnrolmentException("PROTOCOL", "cannot prepare the renewal: " + e.getMessage(), false, e);
        }
        String answer = post(http, URI.create(current.renewalBase()), "/api/enrolment/renewal", body);
        return accept(answer, keys, rootFingerprint, files);
    }

    private static KeyPair pendingKeys(IdentityFiles files) throws EnrolmentException {
        try {
            return files.pendingKeys();
        } catch (IOException | GeneralSecurityException e) {
            throw new EnrolmentException("PROTOCOL", "cannot create or read the pending key pair: " + e.getMessage(),
                    false, e);
        }
    }

    private String post(HttpClient http, URI fleet, String path, ObjectNode body) throws EnrolmentException {
        HttpResponse<String> response;
        try {
            HttpRequest request = HttpRequest.newBuilder(fleet.resolve(path))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (javax.net.ssl.SSLHandshakeException e) {
            throw new EnrolmentException("UNTRUSTED_SERVER", "the fleet at " + fleet
                    + " could not be verified: " + e.getMessage(), true, e);
        } catch (IOException e) {
            throw new EnrolmentException("NETWORK", "cannot reach the fleet at " + fleet + ": "
                    + e.getMessage(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrolmentException("NETWORK", "interrupted", false, e);
        }
        if (response.statusCode() != 201) {
            throw refusal(response);
        }
        return response.body();
    }

    private EnrolledIdentity accept(String body, KeyPair keys, byte[] rootFingerprint, IdentityFiles files)
            throws EnrolmentException {
        try {
            JsonNode answer = json.readTree(body);
            String chainPem = text(answer, "certificateChain");
            String rootPem = text(answer, "caCertificate");
            List<X509Certificate> chain = certificates(chainPem);
            List<X509Certificate> roots = certificates(rootPem);
            if (chain.isEmpty() || roots.size() != 1) {
                throw new EnrolmentException("PROTOCOL", "the fleet's answer lacks the certificate or the root CA", false, null);
            }
            X509Certificate root = roots.get(0);
            if (!Arrays.equals(PinnedRootTrust.sha256(root), rootFingerprint)) {
                throw new EnrolmentException("UNTRUSTED_SERVER", "the root CA the fleet sent is not the one of the invitation",
                        true, null);
            }
            if (!chain.get(0).getPublicKey().equals(keys.getPublic())) {
                throw new EnrolmentException("PROTOCOL", "the certificate the fleet sent is not for this gateway's key", true,
                        null);
            }
            verifyChain(chain, root);
            EnrolledIdentity identity = new EnrolledIdentity(text(answer, "gatewayId"), text(answer, "commune"),
                    answer.path("site").isTextual() ? answer.get("site").asText() : null, text(answer, "mqttUrl"),
                    text(answer, "fleetUrl"), answer.path("renewalUrl").isTextual() ? answer.get("renewalUrl").asText() : null,
                    text(answer, "serial"), Instant.parse(text(answer, "notAfter")));
            files.save(keys, chainPem, rootPem, identity);
            return identity;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new EnrolmentException("PROTOCOL", "cannot use the fleet's answer: " + e.getMessage(), false, e);
        }
    }

    private static void verifyChain(List<X509Certificate> chain, X509Certificate root) throws GeneralSecurityException {
        List<X509Certificate> path = new ArrayList<>(chain);
        path.add(root);
        for (int i = 0; i + 1 < path.size(); i++) {
            path.get(i).checkValidity();
            path.get(i).verify(path.get(i + 1).getPublicKey());
        }
    }

    private EnrolmentException refusal(HttpResponse<String> response) {
        String reason = "HTTP_" + response.statusCode();
        String detail = response.body();
        try {
            JsonNode problem = json.readTree(response.body());
            reason = problem.path("reason").asText(reason);
            detail = problem.path("detail").asText(detail);
        } catch (IOException | RuntimeException notJson) {
            // keep the raw body
        }
        boolean permanent = response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 429;
        return new EnrolmentException(reason, "the fleet refused the enrolment (" + response.statusCode() + " " + reason
                + "): " + detail, permanent, null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("the answer has no " + field);
        }
        return value.asText();
    }

    private static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .forEach(certificate -> certificates.add((X509Certificate) certificate));
        return certificates;
    }
}
