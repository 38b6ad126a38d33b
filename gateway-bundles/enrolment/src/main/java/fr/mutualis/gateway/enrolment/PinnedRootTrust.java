package fr.mutualis.gateway.enrolment;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust for the enrolment request, before the gateway has any CA: the fleet's certificate chain
 * must contain the root CA whose SHA-256 the invitation carries, and is then verified against that
 * root with the JDK's standard PKIX checks (validity, signatures, constraints, and, as for any
 * HTTPS client, the host name). A fleet behind a proxy with a public certificate is verified with
 * the system's trust store instead. Nothing is ever accepted unverified.
 */
final class PinnedRootTrust implements X509TrustManager {

    private final byte[] pin;
    private final X509TrustManager system;

    PinnedRootTrust(byte[] pin) throws GeneralSecurityException {
        this.pin = pin.clone();
        this.system = standard(null);
    }

    static SSLContext sslContext(byte[] pin) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new PinnedRootTrust(pin)}, null);
        return context;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        for (X509Certificate certificate : chain) {
            if (Arrays.equals(sha256(certificate), pin)) {
                try {
                    KeyStore anchor = KeyStore.getInstance("PKCS12");
                    anchor.load(null, null);
                    anchor.setCertificateEntry("pinned-root", certificate);
                    standard(anchor).checkServerTrusted(chain, authType);
                    return;
                } catch (GeneralSecurityException | java.io.IOException e) {
                    throw new CertificateException("the fleet's certificate does not verify against the pinned root CA: "
                            + e.getMessage(), e);
                }
            }
        }
        try {
            system.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new CertificateException("the fleet presents neither the root CA of the invitation nor a certificate "
                    + "the system trusts: refusing to send the enrolment code", e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("not a server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    static byte[] sha256(X509Certificate certificate) throws CertificateException {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new CertificateException(e);
        }
    }

    private static X509TrustManager standard(KeyStore anchors) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }
}
