package fr.mutualis.fleet.pki;

import fr.mutualis.contract.Identifiers;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syndicate's certificate authority: a root that signs only the intermediate (and can be kept
 * offline: its key is not needed once the intermediate exists), and an online intermediate that
 * signs gateway client certificates from their CSRs, the server certificates of the fleet's HTTPS
 * port and broker, and the revocation list.
 *
 * <p>Keys are ECDSA (P-384 for the CAs, P-256 for servers); gateways may send P-256/P-384 or RSA
 * of at least 2048 bits. Serial numbers are 128 random bits, as the CA/Browser Forum requires of
 * public CAs: unguessable, so that nobody can predict the next certificate.
 */
public final class CertificateAuthority {

    private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);

    static final String ROOT_CERTIFICATE = "root-ca.crt";
    static final String ROOT_KEY = "root-ca.key";
    static final String INTERMEDIATE_CERTIFICATE = "intermediate-ca.crt";
    static final String INTERMEDIATE_KEY = "intermediate-ca.key";
    /** The identity of the fleet server's own MQTT client; the dot keeps it out of the gateway id space. */
    public static final String FLEET_CLIENT_NAME = "fleet.mutualis";

    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final PrivateKey intermediateKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /**
     * Bouncy Castle's provider, used (not registered) for what the JDK's providers cannot do:
     * find a key factory from a CSR's algorithm identifier.
     */
    private static final java.security.Provider BOUNCY_CASTLE = new org.bouncycastle.jce.provider.BouncyCastleProvider();

    CertificateAuthority(X509Certificate root, X509Certificate intermediate, PrivateKey intermediateKey, Clock clock) {
        this.root = root;
        this.intermediate = intermediate;
        this.intermediateKey = intermediateKey;
        this.clock = clock;
    }

    /**
     * Loads the CA from {@code dir}, or creates a root and an intermediate there when there is none
     * and {@code createIfMissing} (the root's key is then written next to it with a warning: it
     * belongs offline).
     */
    public static CertificateAuthority open(Path dir, boolean createIfMissing, Clock clock)
            throws IOException, GeneralSecurityException {
        Path intermediateCertificate = dir.resolve(INTERMEDIATE_CERTIFICATE);
        if (!Files.exists(intermediateCertificate)) {
            if (!createIfMissing) {
                throw new IllegalStateException("no certificate authority in " + dir.toAbsolutePath() + " ("
                        + INTERMEDIATE_CERTIFICATE + ", " + INTERMEDIATE_KEY + ", " + ROOT_CERTIFICATE
                        + "): create it as docs/pki.md says, or set mutualis.pki.create-if-missing=true");
            }
            create(dir, clock);
        }
        X509Certificate root = Pem.certificates(Files.readString(dir.resolve(ROOT_CERTIFICATE))).get(0);
        X509Certificate intermediate = Pem.certificates(Files.readString(intermediateCertificate)).get(0);
        PrivateKey key = Pem.privateKey(dir.resolve(INTERMEDIATE_KEY));
        intermediate.verify(root.getPublicKey());
        return new CertificateAuthority(root, intermediate, key, clock);
    }

    private static void create(Path dir, Clock clock) throws IOException, GeneralSecurityException {
        Files.createDirectories(dir);
        Instant now = clock.instant();
        SecureRandom random = new SecureRandom();
        KeyPair rootKeys = generate("secp384r1");
        X500Name rootName = name("Mutualis syndicate root CA");
        X509Certificate root = sign(new JcaX509v3CertificateBuilder(rootName, serial(random), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(20 * 365))), rootName, rootKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(1))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(rootKeys.getPublic())),
                rootKeys.getPrivate());
        KeyPair intermediateKeys = generate("secp384r1");
        X509Certificate intermediate = sign(new JcaX509v3CertificateBuilder(root, serial(random),
                Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(5 * 365))),
                name("Mutualis gateway issuing CA"), intermediateKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createSubjectKeyIdentifier(intermediateKeys.getPublic()))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(root)),
                rootKeys.getPrivate());
        writePrivate(dir.resolve(ROOT_KEY), Pem.privateKey(rootKeys.getPrivate()));
        writePrivate(dir.resolve(INTERMEDIATE_KEY), Pem.privateKey(intermediateKeys.getPrivate()));
        writePublic(dir.resolve(ROOT_CERTIFICATE), Pem.write(root));
        // Written last: its presence is what says the CA exists.
        writePublic(dir.resolve(INTERMEDIATE_CERTIFICATE), Pem.write(intermediate));
        log.warn("Created a new certificate authority in {}. The root's private key {} is not needed by the server: "
                + "keep it offline (docs/pki.md)", dir.toAbsolutePath(), ROOT_KEY);
    }

    /**
     * Signs a gateway's client certificate for the key of its CSR.
     *
     * @throws IllegalArgumentException when the CSR's signature does not verify or its key is weak
     */
    public X509Certificate issueGateway(PKCS10CertificationRequest csr, String gatewayId, String commune,
                                        Duration validity) {
        Identifiers.requireGatewayId(gatewayId);
        Identifiers.requireCommune(commune);
        PublicKey key = verifiedKey(csr);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Mutualis")
                .addRDN(BCStyle.OU, "commune " + commune)
                .addRDN(BCStyle.CN, gatewayId)
                .build();
        try {
            return issue(subject, key, validity, KeyPurposeId.id_kp_clientAuth,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier,
                            gatewayUri(commune, gatewayId))));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not sign a certificate for " + gatewayId, e);
        }
    }

    /** A TLS server certificate for the fleet's HTTPS port or a broker, valid for these names. */
    public X509Certificate issueServer(PublicKey key, List<String> names, Duration validity) {
        List<GeneralName> alternatives = new ArrayList<>();
        for (String name : names) {
            boolean address = name.matches("[0-9.]+") || name.contains(":");
            alternatives.add(new GeneralName(address ? GeneralName.iPAddress : GeneralName.dNSName, name));
        }
        try {
            return issue(name(names.get(0)), key, validity, KeyPurposeId.id_kp_serverAuth,
                    new GeneralNames(alternatives.toArray(GeneralName[]::new)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not sign a server certificate for " + names, e);
        }
    }

    /**
     * A short-lived client certificate in a gateway's name, for the fleet to take over a revoked
     * gateway's connection on a broker that cannot disconnect clients on request (see
     * {@code RevokedGatewayEviction}). Marked as such in its organisational unit.
     */
    public X509Certificate issueEviction(PublicKey key, String gatewayId, Duration validity) {
        Identifiers.requireGatewayId(gatewayId);
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "Mutualis")
                .addRDN(BCStyle.OU, "fleet eviction of a revoked gateway")
                .addRDN(BCStyle.CN, gatewayId)
                .build();
        try {
            return issue(subject, key, validity, KeyPurposeId.id_kp_clientAuth, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not sign an eviction certificate for " + gatewayId, e);
        }
    }

    /** The fleet server's own client certificate, for its connection to an external broker. */
    public X509Certificate issueFleetClient(PublicKey key, Duration validity) {
        try {
            return issue(name(FLEET_CLIENT_NAME), key, validity, KeyPurposeId.id_kp_clientAuth, null);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not sign the fleet's client certificate", e);
        }
    }

    /** A CRL listing these certificates, signed by the intermediate, valid for {@code validity}. */
    public X509CRL revocationList(Collection<RevokedCertificate> revoked, Duration validity) {
        Instant now = clock.instant();
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(new X509CertificateHolder(intermediate.getEncoded()).getSubject(),
                    Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(validity)));
            for (RevokedCertificate certificate : revoked) {
                builder.addCRLEntry(certificate.serial(), Date.from(certificate.revokedAt()), CRLReason.unspecified);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(intermediate));
            builder.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(
                    BigInteger.valueOf(now.toEpochMilli())));
            return new JcaX509CRLConverter().getCRL(builder.build(signer(intermediateKey)));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("could not sign the revocation list", e);
        }
    }

    public X509Certificate root() {
        return root;
    }

    public X509Certificate intermediate() {
        return intermediate;
    }

    /** What a client needs to verify a certificate of this CA up to the root: the intermediate then the root. */
    public String chainPem() {
        return Pem.write(intermediate, root);
    }

    /** SHA-256 of the root certificate's DER: what an enrolment invitation pins. */
    public byte[] rootFingerprint() {
        return fingerprint(root);
    }

    public static byte[] fingerprint(X509Certificate certificate) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hexFingerprint(X509Certificate certificate) {
        return HexFormat.of().formatHex(fingerprint(certificate));
    }

    /** The URI a gateway certificate carries as its subject alternative name: commune and id, machine-readable. */
    public static String gatewayUri(String commune, String gatewayId) {
        return "urn:mutualis:gateway:" + commune + ":" + gatewayId;
    }

    private X509Certificate issue(X500Name subject, PublicKey key, Duration validity, KeyPurposeId purpose,
                                  GeneralNames alternativeNames) throws GeneralSecurityException, IOException {
        Instant now = clock.instant();
        Instant notAfter = now.plus(validity);
        if (notAfter.isAfter(intermediate.getNotAfter().toInstant())) {
            notAfter = intermediate.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(intermediate, serial(random),
                // A minute back: a gateway whose clock is slightly behind must accept its certificate.
                Date.from(now.minusSeconds(60)), Date.from(notAfter), subject, key)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                // keyEncipherment only for RSA: an EC key cannot encipher (RFC 5480)
                .addExtension(Extension.keyUsage, true, new KeyUsage("RSA".equals(key.getAlgorithm())
                        ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
                .addExtension(Extension.subjectKeyIdentifier, false, new JcaX509ExtensionUtils().createSubjectKeyIdentifier(key))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(intermediate));
        if (alternativeNames != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
        }
        return sign(builder, intermediateKey);
    }

    private static PublicKey verifiedKey(PKCS10CertificationRequest csr) {
        PublicKey key;
        try {
            key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(BOUNCY_CASTLE)
                    .build(csr.getSubjectPublicKeyInfo()))) {
                throw new IllegalArgumentException("the CSR's signature does not verify: it was not made with its key");
            }
        } catch (OperatorCreationException | PKCSException | IOException e) {
            throw new IllegalArgumentException("the CSR cannot be verified: " + e.getMessage(), e);
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits < 256) {
                throw new IllegalArgumentException("EC keys must be at least P-256, got " + bits + " bits");
            }
        } else if (key instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("RSA keys must be at least 2048 bits, got " + rsa.getModulus().bitLength());
            }
        } else {
            throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm() + ": use EC P-256 or RSA 2048");
        }
        return key;
    }

    static KeyPair generate(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA384withECDSA" : "SHA256withRSA";
        return new JcaContentSignerBuilder(algorithm).build(key);
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(128, random).setBit(127);
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Mutualis").addRDN(BCStyle.CN, commonName).build();
    }

    static void writePrivate(Path file, String pem) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temp, pem, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void writePublic(Path file, String pem) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, pem, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
