package fr.mutualis.fleet.pki;

import java.math.BigInteger;
import java.time.Instant;

/** One entry of the revocation list. */
public record RevokedCertificate(BigInteger serial, Instant revokedAt) {
}
