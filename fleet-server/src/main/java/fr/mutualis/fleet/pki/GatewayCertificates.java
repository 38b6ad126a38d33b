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
                INSERT INTO gateway_certificate (serial, gateway_id, commune, fingerprint, not_before, not_after,
                                                 issued_at, enrolment_token, certificate_pem)
                VALUES (:serial, :gateway, :commune, :fingerprint, :notBefore, :notAfter, :issuedAt, :token, :pem)
                """)
                .param("serial", serialHex(certificate.getSerialNumber()))
                .param("gateway", gatewayId)
                .param("commune", commune)
                .param("fingerprint", CertificateAuthority.hexFingerprint(certificate))
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

    /** The commune each gateway with a valid certificate was enrolled in. */
    List<EnrolledGateway> enrolledGateways(Instant now) {
        return jdbc.sql("""
                SELECT DISTINCT gateway_id, commune FROM gateway_certificate
                WHERE revoked_at IS NULL AND not_after > :now
                """)
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new EnrolledGateway(rs.getString("gateway_id"), rs.getString("commune")))
                .list();
    }

    static String serialHex(BigInteger serial) {
        return serial.toString(16);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** A gateway holding a valid certificate, and the commune in it. */
    record EnrolledGateway(String gatewayId, String commune) {
    }
}
