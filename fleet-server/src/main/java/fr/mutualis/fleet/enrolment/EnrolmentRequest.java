package fr.mutualis.fleet.enrolment;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A gateway asking for its certificate.
 *
 * @param code the enrolment code (as typed or from the QR code)
 * @param csr  a PKCS#10 certificate request in PEM, signed with the key the gateway generated; its
 *             common name proposes the gateway's id when the token does not fix one
 */
public record EnrolmentRequest(
        @Schema(example = "K7QM-2XWD-9H11") String code,
        @Schema(example = "-----BEGIN CERTIFICATE REQUEST-----\n...") String csr) {
}
