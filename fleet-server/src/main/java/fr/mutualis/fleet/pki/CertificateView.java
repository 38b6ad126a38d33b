package fr.mutualis.fleet.pki;

import java.time.Instant;

/**
 * A gateway certificate as the API shows it.
 *
 * @param serial      hexadecimal serial number
 * @param fingerprint SHA-256 of the DER encoding, hexadecimal
 * @param status      VALID, REVOKED or EXPIRED
 */
public record CertificateView(String serial, String gatewayId, String commune, String fingerprint, Instant notBefore,
                              Instant notAfter, Instant issuedAt, Status status, Instant revokedAt,
                              String revocationReason) {

    public enum Status { VALID, REVOKED, EXPIRED }

    static CertificateView of(String serial, String gatewayId, String commune, String fingerprint, Instant notBefore,
                              Instant notAfter, Instant issuedAt, Instant revokedAt, String reason, Instant now) {
        Status status = revokedAt != null ? Status.REVOKED : notAfter.isAfter(now) ? Status.VALID : Status.EXPIRED;
        return new CertificateView(serial, gatewayId, commune, fingerprint, notBefore, notAfter, issuedAt, status,
                revokedAt, reason);
    }
}
