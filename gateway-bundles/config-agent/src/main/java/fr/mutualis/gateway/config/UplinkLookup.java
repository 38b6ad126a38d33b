package fr.mutualis.gateway.config;

import fr.mutualis.contract.ConfigurationReport;
import fr.mutualis.gateway.api.ConfigurationReportSender;
import fr.mutualis.gateway.api.UplinkException;
import fr.mutualis.gateway.api.UplinkTransport;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The uplink, looked up each time it is needed rather than held as a DS reference: the uplink
 * holds the agent as its {@code DesiredConfigurationListener}, so a reference back would be a
 * cycle that SCR may refuse at start-up (and the agent must keep running while an apply restarts
 * the uplink anyway).
 */
final class UplinkLookup {

    private final BundleContext context;

    UplinkLookup(BundleContext context) {
        this.context = context;
    }

    boolean isConnected() {
        Boolean connected = withUplink(UplinkTransport.class, UplinkTransport::isConnected);
        return connected != null && connected;
    }

    /** The current MQTT session, or empty when there is no connected uplink. */
    String sessionId() {
        String session = withUplink(UplinkTransport.class, UplinkTransport::sessionId);
        return session == null ? "" : session;
    }

    void send(ConfigurationReport report) throws UplinkException {
        ServiceReference<ConfigurationReportSender> reference = context.getServiceReference(ConfigurationReportSender.class);
        ConfigurationReportSender sender = reference == null ? null : context.getService(reference);
        if (sender == null) {
            throw new UplinkException("no uplink");
        }
        try {
            sender.sendConfigurationReport(report);
        } finally {
            context.ungetService(reference);
        }
    }

    private <S, T> T withUplink(Class<S> type, Function<S, T> use) {
        ServiceReference<S> reference = context.getServiceReference(type);
        S service = reference == null ? null : context.getService(reference);
        if (service == null) {
            return null;
        }
        try {
            return use.apply(service);
        } finally {
            context.ungetService(reference);
        }
    }
}
