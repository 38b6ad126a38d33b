package fr.mutualis.gateway.ota;

import fr.mutualis.gateway.api.UplinkTransport;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Is the release running now healthy? Every bundle (but fragments) active, no component that
 * failed to activate, and the uplink connected to the fleet. Returns the first problem found, in
 * words that explain a revert.
 */
final class HealthProbe {

    private final BundleContext context;
    private final Supplier<ServiceComponentRuntime> scr;
    private final Supplier<UplinkTransport> uplink;

    HealthProbe(BundleContext context, Supplier<ServiceComponentRuntime> scr, Supplier<UplinkTransport> uplink) {
        this.context = context;
        this.scr = scr;
        this.uplink = uplink;
    }

    Optional<String> problem() {
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            if (!fragment && bundle.getState() != Bundle.ACTIVE) {
                return Optional.of("bundle " + bundle.getSymbolicName() + " " + bundle.getVersion() + " is not active ("
                        + state(bundle.getState()) + ")");
            }
        }
        ServiceComponentRuntime runtime = scr.get();
        if (runtime == null) {
            return Optional.of("the Declarative Services runtime is not available");
        }
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs()) {
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return Optional.of("component " + description.name + " failed activation: " + configuration.failure);
                }
            }
        }
        UplinkTransport transport = uplink.get();
        if (transport == null || !transport.isConnected()) {
            return Optional.of("the uplink is not connected to the fleet");
        }
        return Optional.empty();
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED, not resolved";
            case Bundle.RESOLVED -> "RESOLVED, not started";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            default -> "state " + state;
        };
    }
}
