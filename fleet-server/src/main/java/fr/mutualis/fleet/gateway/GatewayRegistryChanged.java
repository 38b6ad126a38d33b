package fr.mutualis.fleet.gateway;

/**
 * Published after a gateway's registry fields (site, EUI, hardware, tags) changed, for features
 * that depend on them: a new tag brings the tag's configuration layer to the gateway.
 */
public record GatewayRegistryChanged(String gatewayId) {
}
