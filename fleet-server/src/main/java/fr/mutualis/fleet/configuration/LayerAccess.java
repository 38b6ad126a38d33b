package fr.mutualis.fleet.configuration;

import fr.mutualis.fleet.gateway.GatewayDirectory;
import fr.mutualis.fleet.gateway.UnknownGatewayException;
import fr.mutualis.fleet.security.CommuneScope;
import fr.mutualis.fleet.security.UnknownCommuneException;
import org.springframework.stereotype.Component;

/**
 * Who may see a layer: the syndicate's and the tags' are everyone's; a commune's belongs to that
 * commune, a gateway's to the gateway's commune. Others answer 404, as if they did not exist.
 */
@Component
class LayerAccess {

    private final GatewayDirectory gateways;

    LayerAccess(GatewayDirectory gateways) {
        this.gateways = gateways;
    }

    /** Returns the layer's commune (null for syndicate and tag layers), or throws 404 when the caller may not see it. */
    String requireVisible(LayerId layer, CommuneScope scope) {
        return switch (layer.kind()) {
            case SYNDICATE, TAG -> null;
            case COMMUNE -> {
                if (!scope.allows(layer.scope())) {
                    throw new UnknownCommuneException(layer.scope());
                }
                yield layer.scope();
            }
            case GATEWAY -> gateways.find(scope, layer.scope())
                    .orElseThrow(() -> new UnknownGatewayException(layer.scope())).commune();
        };
    }
}
