package fr.mutualis.gateway.api;

/** Who this gateway is: its id and its commune, as configured at installation. */
public interface GatewayIdentity {

    String gatewayId();

    /** INSEE code of the commune the gateway belongs to. */
    String commune();
}
