package fr.mutualis.fleet.pki;

/** Published after a gateway's enrolment is committed. */
public record GatewayEnrolled(String gatewayId, String commune) {
}
