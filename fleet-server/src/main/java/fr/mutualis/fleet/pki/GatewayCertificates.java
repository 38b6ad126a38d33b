package fr.mutualis.fleet.pki;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The certificates the CA issued to gateways, and their revocation. */
@Repository
public class GatewayCertificates {

    private final JdbcClient jdbc;

    GatewayCertificates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(X509Certificate certificate, String gatewayId, String commune, UUID enrolmentToken, Instant issuedAt) {
        jdbc.sql("""
                INSERT INTO gateway_certificate (serial, gateway_id, commune, fingerprint, public_key_sha256, not_before,
                                                 not_after, issued_at, enrolment_token, certificate_pem)
                VALUES (:serial, :gateway, :commune, :fingerprint, :key, :notBefore, :notAfter, :issuedAt, :token, :pem)
                """)
                .param("serial", serialHex(certificate.getSerialNumber()))
                .param("gateway", gatewayId)
                .param("commune", commune)
                .param("fingerprint", CertificateAuthority.hexFingerprint(certificate))
                .param("key", keyDigest(certificate.getPublicKey()))
                .param("notBefore", Timestamp.from(certificate.getNotBefore().toInstant()))
                .param("notAfter", Timestamp.from(certificate.getNotAfter().toInstant()))
                .param("issuedAt", Timestamp.from(issuedAt))
                .param("token", enrolmentToken)
                .param("pem", Pem.write(certificate))
                .update();
    }

    /** Every certificate of a gateway, newest first. */
    public List<CertificateView> ofGateway(String gatewayId, Instant now) {
        return jdbc.sql("""
                SELECT serial, gateway_id, commune, fingerprint, not_before, not_after, issued_at, revoked_at,
                       revocation_reason
                FROM gateway_certificate WHERE gateway_id = :gateway ORDER BY issued_at DESC, serial
                """)
                .param("gateway", gatewayId)
                .query((rs, row) -> CertificateView.of(rs.getString("serial"), rs.getString("gateway_id"),
                        rs.getString("commune"), rs.getString("fingerprint"),
                        rs.getTimestamp("not_before").toInstant(), rs.getTimestamp("not_after").toInstant(),
                        rs.getTimestamp("issued_at").toInstant(), instant(rs.getTimestamp("revoked_at")),
                        rs.getString("revocation_reason"), now))
                .list();
    }

    /** The certificate with this serial, if this CA issued it to a gateway. */
    public Optional<CertificateView> find(BigInteger serial, Instant now) {
        return jdbc.sql("""
                SELECT serial, gateway_id, commune, fingerprint, not_before, not_after, issued_at, revoked_at,
                       revocation_reason
                FROM gateway_certificate WHERE serial = :serial
                """)
                .param("serial", serialHex(serial))
                .query((rs, row) -> CertificateView.of(rs.getString("serial"), rs.getString("gateway_id"),
                        rs.getString("commune"), rs.getString("fingerprint"),
                        rs.getTimestamp("not_before").toInstant(), rs.getTimestamp("not_after").toInstant(),
                        rs.getTimestamp("issued_at").toInstant(), instant(rs.getTimestamp("revoked_at")),
                        rs.getString("revocation_reason"), now))
                .optional();
    }

    /** True when the gateway holds a certificate that is neither revoked nor expired. */
    boolean hasValid(String gatewayId, Instant now) {
        return jdbc.sql("""
                SELECT count(*) FROM gateway_certificate
                WHERE gateway_id = :gateway AND revoked_at IS NULL AND not_after > :now
                """)
                .param("gateway", gatewayId).param("now", Timestamp.from(now))
                .query(Long.class).single() > 0;
    }

    /** Revokes every certificate of the gateway that is not revoked yet; returns their serials. */
    List<String> revokeAll(String gatewayId, String reason, Instant at) {
        return jdbc.sql("""
                UPDATE gateway_certificate SET revoked_at = :at, revocation_reason = :reason
                WHERE gateway_id = :gateway AND revoked_at IS NULL
                RETURNING serial
                """)
                .param("gateway", gatewayId).param("reason", reason).param("at", Timestamp.from(at))
                .query(String.class).list();
    }

    /** Revoked certificates that have not expired yet: what the CRL must list. */
    List<RevokedCertificate> revokedUnexpired(Instant now) {
        return jdbc.sql("""
                SELECT serial, revoked_at FROM gateway_certificate
                WHERE revoked_at IS NOT NULL AND not_after > :now ORDER BY revoked_at
                """)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new RevokedCertificate(new BigInteger(rs.getString("serial"), 16),
                        rs.getTimestamp("revoked_at").toInstant()))
                .list();
    }

    /** Gateways whose every certificate is revoked: the fleet ignores what they still manage to send. */
    List<String> revokedGateways() {
        return jdbc.sql("""
                SELECT gateway_id FROM gateway_certificate GROUP BY gateway_id
                HAVING bool_and(revoked_at IS NOT NULL)
                """)
                .query(String.class).list();
    }

    /**
     * Every gateway that ever had a certificate: the commune it was enrolled in (a gateway keeps
     * its commune for life) and whether it still holds a certificate that is neither revoked nor
     * expired.
     */
    List<EnrolledGateway> enrolledGateways(Instant now) {
        return jdbc.sql("""
                SELECT gateway_id, (array_agg(commune ORDER BY issued_at DESC))[1] AS commune,
                       bool_or(revoked_at IS NULL AND not_after > :now) AS valid
                FROM gateway_certificate GROUP BY gateway_id
                """)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new EnrolledGateway(rs.getString("gateway_id"), rs.getString("commune"),
                        rs.getBoolean("valid")))
                .list();
    }

    /**
     * Serialises every change of one gateway's identity (enrolment, renewal, revocation) until the
     * caller's transaction ends: without it a renewal racing a revocation could leave a revoked
     * gateway with a fresh valid certificate, and two enrolments of one new id could both succeed.
     */
    public void lockGateway(String gatewayId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:key))").param("key", "gateway-identity:" + gatewayId)
                .query().listOfRows();
    }

    /** The certificate issued for this token and this public key, if any: a retried enrolment. */
    public Optional<String> issuedFor(UUID token, java.security.PublicKey key) {
        return jdbc.sql("""
                SELECT certificate_pem FROM gateway_certificate
                WHERE enrolment_token = :token AND public_key_sha256 = :key AND revoked_at IS NULL
                """)
                .param("token", token).param("key", keyDigest(key))
                .query(String.class).optional();
    }

    /** The gateway's most recent certificate: its serial, key digest, PEM and when it was issued. */
    public Optional<Latest> latest(String gatewayId) {
        return jdbc.sql("""
                SELECT serial, public_key_sha256, certificate_pem, issued_at, revoked_at FROM gateway_certificate
                WHERE gateway_id = :gateway ORDER BY issued_at DESC, serial DESC LIMIT 1
                """)
                .param("gateway", gatewayId)
                .query((rs, row) -> new Latest(rs.getString("serial"), rs.getString("public_key_sha256"),
                        rs.getString("certificate_pem"), rs.getTimestamp("issued_at").toInstant(),
                        rs.getTimestamp("revoked_at") != null))
                .optional();
    }

    /** The gateway id a certificate names (its common name). */
    public static String commonName(X509Certificate certificate) {
        for (String part : certificate.getSubjectX500Principal().getName().split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        throw new IllegalArgumentException("no common name in " + certificate.getSubjectX500Principal());
    }

    public static String keyDigest(java.security.PublicKey key) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getEncoded()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A gateway's most recent certificate. */
    public record Latest(String serial, String publicKeySha256, String certificatePem, Instant issuedAt,
                         boolean revoked) {
    }

    static String serialHex(BigInteger serial) {
        return serial.toString(16);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A gateway that was enrolled, its commune, and whether it holds a valid certificate now. */
    record EnrolledGateway(String gatewayId, String commune, boolean valid) {
    }
}
