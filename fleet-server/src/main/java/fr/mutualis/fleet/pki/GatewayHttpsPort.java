package fr.mutualis.fleet.pki;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The HTTPS port gateways enrol through, served by the same application with a certificate the
 * syndicate's CA issues at start-up. The certificate chain sent includes the root, so that a
 * gateway that knows only the root's fingerprint (from its enrolment invitation) can verify the
 * server before sending its code. The plain port stays for the loopback and for a reverse proxy.
 */
@Component
class GatewayHttpsPort implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(GatewayHttpsPort.class);
    private static final String ALIAS = "fleet";

    private final PkiProperties properties;
    private final CertificateAuthority authority;

    GatewayHttpsPort(PkiProperties properties, CertificateAuthority authority) {
        this.properties = properties;
        this.authority = authority;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (properties.httpsPort() <= 0) {
            return;
        }
        ServerIdentity identity = ServerIdentity.issue(authority, properties.serverNames());
        // The key store lives in memory only; its password just satisfies the API.
        String password = java.util.UUID.randomUUID().toString();
        SSLHostConfig host = new SSLHostConfig();
        host.setProtocols("TLSv1.2+TLSv1.3");
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        certificate.setCertificateKeystore(identity.keyStore(ALIAS, password.toCharArray()));
        certificate.setCertificateKeystorePassword(password);
        certificate.setCertificateKeyPassword(password);
        certificate.setCertificateKeyAlias(ALIAS);
        host.addCertificate(certificate);
        // Gateways renew their certificate with it: asked for, verified against the root, not required
        // (enrolment comes before the gateway has one).
        host.setCertificateVerification("optional");
        host.setTrustStore(identity.trustStore());

        Connector connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(properties.httpsPort());
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("address", properties.httpsAddress());
        connector.setProperty("SSLEnabled", "true");
        connector.addSslHostConfig(host);
        factory.addAdditionalConnectors(connector);
        log.info("Gateway HTTPS port {}:{} for {} (enrolment at {}/api/enrolment)", properties.httpsAddress(),
                properties.httpsPort(), properties.serverNames(), properties.fleetUrl());
    }
}
