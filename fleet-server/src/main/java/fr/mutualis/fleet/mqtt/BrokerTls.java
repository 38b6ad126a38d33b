package fr.mutualis.fleet.mqtt;

import fr.mutualis.fleet.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to an external broker from PEM files: trust exactly the given CA certificates, and present
 * the fleet's client certificate when one is given. Host names are verified as usual.
 */
final class BrokerTls {

    private BrokerTls() {
    }

    static SSLSocketFactory socketFactory(BrokerProperties properties) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        List<X509Certificate> cas = Pem.certificates(Files.readString(Path.of(properties.caFile())));
        for (int i = 0; i < cas.size(); i++) {
            trusted.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManagerFactory keys = null;
        if (!properties.clientCertificateFile().isBlank()) {
            char[] password = "in-memory".toCharArray();
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            List<X509Certificate> chain = Pem.certificates(Files.readString(Path.of(properties.clientCertificateFile())));
            identity.setKeyEntry("fleet", Pem.privateKey(Path.of(properties.clientKeyFile())), password,
                    chain.toArray(X509Certificate[]::new));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }
}
