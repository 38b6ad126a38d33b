package fr.mutualis.fleet.enrolment;

import java.time.Instant;
import java.util.UUID;

/** An enrolment token as listed: everything but its code, which is shown once at creation. */
public record EnrolmentTokenView(UUID id, String commune, String site, String gatewayId, Status status,
                                 String createdBy, Instant createdAt, Instant expiresAt, Instant usedAt,
                                 String usedByGateway) {

    public enum Status { PENDING, USED, EXPIRED, CANCELLED }
}
