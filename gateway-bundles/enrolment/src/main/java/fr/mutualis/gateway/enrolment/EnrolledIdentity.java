package fr.mutualis.gateway.enrolment;

import java.time.Instant;

/** Who the fleet says this gateway is, and where it connects; kept next to the key and certificates. */
public record EnrolledIdentity(String gatewayId, String commune, String site, String mqttUrl, String fleetUrl,
                               String serial, Instant notAfter) {
}
