package fr.mutualis.fleet.enrolment;

import java.time.Instant;

/**
 * What an enrolled gateway receives: who it is, its certificate, whom to trust and where to connect.
 *
 * @param certificateChain the gateway's certificate then the intermediate CA's, PEM
 * @param caCertificate    the syndicate's root CA, PEM: the gateway's only trust anchor from now on
 * @param mqttUrl          the broker, ssl://host:port, reached with this certificate
 * @param fleetUrl         the fleet's HTTPS base URL
 * @param renewalUrl       where to renew the certificate: the gateway HTTPS port itself, never a
 *                         TLS-terminating proxy (renewal authenticates with the client certificate)
 */
public record EnrolmentResponse(String gatewayId, String commune, String site, String certificateChain,
                                String caCertificate, String mqttUrl, String fleetUrl, String renewalUrl,
                                String serial, Instant notAfter) {
}
