package fr.mutualis.fleet.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** PEM text in and out: certificates, keys, CRLs and CSRs. */
public final class Pem {

    private Pem() {
    }

    public static String write(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** A private key as unencrypted PKCS#8 PEM ("PRIVATE KEY"), which OpenSSL and Java both read. */
    public static String privateKey(java.security.PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The private key of a PEM file (PKCS#8, or a traditional EC/RSA key pair). */
    public static java.security.PrivateKey privateKey(java.nio.file.Path file) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(java.nio.file.Files.readString(file)))) {
            Object object = parser.readObject();
            org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter converter = new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter();
            if (object instanceof org.bouncycastle.openssl.PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (object instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("no private key in " + file);
        }
    }

    public static List<X509Certificate> certificates(String pem) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            factory.generateCertificates(new java.io.ByteArrayInputStream(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                    .forEach(certificate -> certificates.add((X509Certificate) certificate));
            return certificates;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not PEM certificates: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a PKCS#10 certificate request.
     *
     * @throws IllegalArgumentException when the text holds no CSR
     */
    public static PKCS10CertificationRequest csr(String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("the CSR is missing");
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object = parser.readObject();
            if (object instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
            throw new IllegalArgumentException("expected a PEM 'CERTIFICATE REQUEST', found "
                    + (object == null ? "nothing" : object.getClass().getSimpleName()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal) {
                throw illegal;
            }
            throw new IllegalArgumentException("the CSR is not valid PEM: " + e.getMessage(), e);
        }
    }
}
