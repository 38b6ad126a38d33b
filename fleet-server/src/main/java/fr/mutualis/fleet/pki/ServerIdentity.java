package fr.mutualis.fleet.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * A TLS server key and certificate chain issued by the CA at start-up, for the fleet's HTTPS port
 * and the embedded broker. The key never touches the disk unless a component needs a key store
 * file (HiveMQ), and a new one is issued at every start.
 */
public final class ServerIdentity {

    /**
     * A year: each start issues a fresh one, so a server that runs for more than a year without a
     * restart serves an expired certificate (a scheduled re-issue is not built yet; docs/pki.md).
     */
    static final Duration VALIDITY = Duration.ofDays(365);

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final CertificateAuthority authority;

    private ServerIdentity(KeyPair keys, X509Certificate certificate, CertificateAuthority authority) {
        this.keys = keys;
        this.certificate = certificate;
        this.authority = authority;
    }

    public static ServerIdentity issue(CertificateAuthority authority, List<String> names) {
        try {
            KeyPair keys = CertificateAuthority.generate("secp256r1");
            return new ServerIdentity(keys, authority.issueServer(keys.getPublic(), names, VALIDITY), authority);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not create the server's TLS key", e);
        }
    }

    /**
     * A key store with the key under {@code alias} and the whole chain up to the root: sending the
     * root lets an enrolling gateway, which knows only the root's fingerprint, find its anchor in
     * the handshake itself.
     */
    public KeyStore keyStore(String alias, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, keys.getPrivate(), password,
                    new Certificate[] {certificate, authority.intermediate(), authority.root()});
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not build the server's key store", e);
        }
    }

    /** A trust store holding the root: whose client certificates a TLS port accepts. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("mutualis-root", authority.root());
            return store;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("could not build the trust store", e);
        }
    }
}
