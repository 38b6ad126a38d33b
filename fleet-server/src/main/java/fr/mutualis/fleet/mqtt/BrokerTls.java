package fr.mutualis.fleet.mqtt;

import fr.mutualis.fleet.pki.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS to a broker: trust exactly the given CA certificates, and present a client certificate
 * when one is given. Host names are verified as usual. The fleet's own connection reads them from
 * PEM files; the eviction of a revoked gateway and the tests pass them in memory.
 */
public final class BrokerTls {

    private BrokerTls() {
    }

    static SSLSocketFactory socketFactory(BrokerProperties properties) throws IOException, GeneralSecurityException {
        List<X509Certificate> cas = Pem.certificates(Files.readString(Path.of(properties.caFile())));
        if (properties.clientCertificateFile().isBlank()) {
            return context(null, null, cas).getSocketFactory();
        }
        List<X509Certificate> chain = Pem.certificates(Files.readString(Path.of(properties.clientCertificateFile())));
        return context(Pem.privateKey(Path.of(properties.clientKeyFile())), chain, cas).getSocketFactory();
    }

    /**
     * @param key     the client's private key, or null for server-only TLS
     * @param chain   the client's certificate chain (its certificate first), with {@code key}
     * @param trusted the CA certificates the server's certificate must chain to
     */
    public static SSLContext context(PrivateKey key, List<X509Certificate> chain, List<X509Certificate> trusted)
            throws IOException, GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        for (int i = 0; i < trusted.size(); i++) {
            anchors.setCertificateEntry("ca-" + i, trusted.get(i));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        KeyManagerFactory keys = null;
        if (key != null) {
            char[] password = "in-memory".toCharArray();
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(identity, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
