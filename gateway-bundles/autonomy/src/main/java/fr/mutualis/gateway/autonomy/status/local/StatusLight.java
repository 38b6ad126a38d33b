package fr.mutualis.gateway.autonomy.status.local;

import fr.mutualis.gateway.api.UplinkTransport;
import fr.mutualis.gateway.autonomy.status.AgentStatus;
import fr.mutualis.hardware.io.StatusIndicator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Shows the agent's state on the status LED every second: failed component, booting, enrolled
 * but never connected, online, offline and buffering. Active only where a status LED is
 * configured ({@link StatusIndicator}, pin map of the Pi4J bundle).
 */
@Component(service = {}, immediate = true)
public class StatusLight {

    private static final String OUR_COMPONENTS = "fr.mutualis.";

    private final StatusIndicator led;
    private final ServiceComponentRuntime scr;
    private final ScheduledExecutorService scheduler;
    private volatile UplinkTransport uplink;
    private volatile boolean everConnected;

    @Activate
    public StatusLight(@Reference StatusIndicator led, @Reference ServiceComponentRuntime scr) {
        this.led = led;
        this.scr = scr;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mutualis-status-light");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, 0, 1, TimeUnit.SECONDS);
    }

    /** Optional and dynamic: no uplink before enrolment, and it restarts when reconfigured. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unsetUplink")
    void setUplink(UplinkTransport uplink) {
        this.uplink = uplink;
    }

    void unsetUplink(UplinkTransport uplink) {
        if (this.uplink == uplink) {
            this.uplink = null;
        }
    }

    private void refresh() {
        try {
            UplinkTransport current = uplink;
            boolean connected = current != null && current.isConnected();
            everConnected |= connected;
            led.show(AgentStatus.of(anyComponentFailed(), current != null, connected, everConnected));
        } catch (RuntimeException e) {
            // A LED must never take the agent down; the next refresh tries again.
        }
    }

    private boolean anyComponentFailed() {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (!description.name.startsWith(OUR_COMPONENTS)) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return true;
                }
            }
        }
        return false;
    }

    @Deactivate
    void stop() {
        scheduler.shutdownNow();
    }
}
