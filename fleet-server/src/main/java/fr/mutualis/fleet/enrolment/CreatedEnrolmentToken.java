package fr.mutualis.fleet.enrolment;

import java.time.Instant;
import java.util.UUID;

/**
 * A new enrolment token, with its code: the only time the code is shown.
 *
 * @param enrolmentUrl what the QR code carries: the fleet's HTTPS address, the code, and the
 *                     SHA-256 of the syndicate's root CA that the gateway pins before trusting anything
 */
public record CreatedEnrolmentToken(UUID id, String code, String commune, String site, String gatewayId,
                                    Instant expiresAt, String enrolmentUrl) {
}
