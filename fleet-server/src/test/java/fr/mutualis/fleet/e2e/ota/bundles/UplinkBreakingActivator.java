package fr.mutualis.fleet.e2e.ota.bundles;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;

/**
 * The activator of a release's bundle that starts fine but takes the uplink down (transiently, as
 * a bug in a new release would: nothing persisted that would survive going back). The uplink may
 * start after this bundle, so it is stopped whenever it has started.
 */
public class UplinkBreakingActivator implements BundleActivator {

    private static final String UPLINK = "fr.mutualis.uplink.mqtt";

    private BundleListener listener;

    @Override
    public void start(BundleContext context) {
        listener = event -> {
            if (event.getType() == BundleEvent.STARTED && UPLINK.equals(event.getBundle().getSymbolicName())) {
                breakUplink(event.getBundle());
            }
        };
        context.addBundleListener(listener);
        for (Bundle bundle : context.getBundles()) {
            if (UPLINK.equals(bundle.getSymbolicName()) && bundle.getState() == Bundle.ACTIVE) {
                breakUplink(bundle);
            }
        }
    }

    private static void breakUplink(Bundle uplink) {
        // not on the framework's event thread: stopping a bundle from its own STARTED event would deadlock
        new Thread(() -> {
            try {
                uplink.stop(Bundle.STOP_TRANSIENT);
            } catch (BundleException | IllegalStateException e) {
                throw new IllegalStateException("could not break the uplink", e);
            }
        }, "uplink-breaker").start();
    }

    @Override
    public void stop(BundleContext context) {
        context.removeBundleListener(listener);
    }
}
