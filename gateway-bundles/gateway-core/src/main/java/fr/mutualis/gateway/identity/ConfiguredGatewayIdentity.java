package fr.mutualis.gateway.identity;

import fr.mutualis.contract.Identifiers;
import fr.mutualis.gateway.api.GatewayIdentity;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The gateway's identity as configured at installation. Without a valid configuration the
 * component does not activate, and with it nothing that needs to know who we are.
 */
@Component(configurationPid = ConfiguredGatewayIdentity.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConfiguredGatewayIdentity.Config.class)
public class ConfiguredGatewayIdentity implements GatewayIdentity {

    public static final String PID = "fr.mutualis.gateway.identity";

    @ObjectClassDefinition(name = "Gateway identity", description = "Who this gateway is.")
    public @interface Config {
        @AttributeDefinition(name = "Gateway id",
                description = "Unique id: a-z, 0-9 and '-', at most 64 characters.")
        String gatewayId();

        @AttributeDefinition(name = "Commune", description = "INSEE code of the commune, e.g. 35238.")
        String commune();
    }

    private final String gatewayId;
    private final String commune;

    @Activate
    public ConfiguredGatewayIdentity(Config config) {
        this.gatewayId = Identifiers.requireGatewayId(config.gatewayId());
        this.commune = Identifiers.requireCommune(config.commune());
    }

    @Override
    public String gatewayId() {
        return gatewayId;
    }

    @Override
    public String commune() {
        return commune;
    }
}
