package fr.mutualis.fleet.pki;

import java.util.List;

/** Published after a gateway's certificates are revoked and the CRL re-published: brokers drop it. */
public record GatewayRevoked(String gatewayId, List<String> serials) {
}
