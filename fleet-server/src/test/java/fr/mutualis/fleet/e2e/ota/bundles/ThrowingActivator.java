package fr.mutualis.fleet.e2e.ota.bundles;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/** The activator of a release's broken bundle: it cannot start. Packaged into a bundle by the test. */
public class ThrowingActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        throw new IllegalStateException("deliberately broken release: this bundle throws on activation");
    }

    @Override
    public void stop(BundleContext context) {
        // never started
    }
}
