package fr.mutualis.gateway.ota;

import fr.mutualis.gateway.enrolment.EnrolledIdentity;
import fr.mutualis.gateway.enrolment.IdentityFiles;
import fr.mutualis.gateway.enrolment.MutualTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

/**
 * An HTTPS client presenting this gateway's enrolment certificate and trusting only the
 * syndicate's root: the package server knows which gateway asks, and a gateway cannot be handed a
 * package by anyone else. Built for each update, so a renewed certificate is picked up.
 */
final class GatewayHttps {

    private final IdentityFiles identity;
    private final Duration connectTimeout;

    GatewayHttps(IdentityFiles identity, Duration connectTimeout) {
        this.identity = identity;
        this.connectTimeout = connectTimeout;
    }

    HttpClient client() throws UpdateFailure {
        try {
            EnrolledIdentity enrolled = identity.load().orElseThrow(() ->
                    UpdateFailure.failed("this gateway is not enrolled: it has no certificate to download releases with", null));
            X509Certificate root;
            try (InputStream in = Files.newInputStream(identity.rootCaFile())) {
                root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            return HttpClient.newBuilder()
                    .sslContext(MutualTls.context(identity.keyFile(enrolled), identity.certificateChainFile(enrolled), root))
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        } catch (IOException | GeneralSecurityException e) {
            throw UpdateFailure.failed("cannot set up mutual TLS with the enrolment identity: " + e.getMessage(), e);
        }
    }
}
