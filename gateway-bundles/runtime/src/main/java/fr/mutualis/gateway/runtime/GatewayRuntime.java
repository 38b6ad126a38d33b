package fr.mutualis.gateway.runtime;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * An OSGi framework holding the gateway's bundle set, with all state under one data directory.
 *
 * <p>The framework cache persists between starts, so bundles installed over the air and their
 * started state survive a restart. Bundles shipped in the distribution's {@code bundles/}
 * directory are installed when missing, updated when the file is newer than the installed
 * copy, and uninstalled when the file is gone.
 *
 * <p>Bundles start in the order of their {@value #START_LEVEL_HEADER} header, so that after a
 * power cut the readings path (level {@value #READINGS_PATH_LEVEL}) is up before the local
 * services and the management agents (level {@value #HIGHEST_START_LEVEL}) compete with it for
 * the device's few cores; libraries and bundles without the header are level 1.
 */
public final class GatewayRuntime {

    /** Framework property naming the data directory; read by the bundles. */
    public static final String DATA_DIR_PROPERTY = "mutualis.data.dir";
    /** Framework property naming the installer's configuration file; read by the bundles. */
    public static final String CONFIG_FILE_PROPERTY = "mutualis.gateway.config.file";
    /** Framework property naming the release (bundle set) running; announced in the birth message. */
    public static final String RELEASE_PROPERTY = "mutualis.release";

    /** Manifest header giving a bundle's start level. */
    public static final String START_LEVEL_HEADER = "Mutualis-Start-Level";
    /** The start level of the bundles between a concentrator's packet and the fleet. */
    public static final int READINGS_PATH_LEVEL = 2;
    /** The highest start level a bundle may ask for; the framework starts up to it. */
    public static final int HIGHEST_START_LEVEL = 3;

    private final Framework framework;

    private GatewayRuntime(Framework framework) {
        this.framework = framework;
    }

    /**
     * Starts the framework and the bundle set; returns once every bundle has been asked to start.
     * Components activate asynchronously after that, as their dependencies appear.
     */
    public static GatewayRuntime start(Path bundlesDir, Path dataDir, Path configFile) throws IOException, BundleException {
        return start(bundlesDir, dataDir, configFile, dataDir.resolve("felix-cache"), null);
    }

    /**
     * Starts one generation of the bundle set: its bundles, its own framework cache (ConfigAdmin's
     * data stays shared under the data directory), and the release name the bundles announce.
     * A bundle that fails to start is logged and left resolved, not fatal: the update agent's
     * health check sees it and reverts a release on trial, and a factory set keeps what works.
     */
    public static GatewayRuntime start(Path bundlesDir, Path dataDir, Path configFile, Path cacheDir, String release)
            throws IOException, BundleException {
        Files.createDirectories(dataDir);
        Map<String, String> properties = new HashMap<>();
        properties.put(Constants.FRAMEWORK_STORAGE, cacheDir.toString());
        properties.put("felix.cm.dir", dataDir.resolve("config").toString());
        // Bundles must import what they use, not find it on the launcher's class path by accident.
        properties.put("felix.bootdelegation.implicit", "false");
        properties.put("felix.log.level", "1");
        // Log Service 1.4 records only WARN and above by default; the console writer filters further.
        properties.put("org.osgi.service.log.admin.loglevel", "INFO");
        properties.put(Constants.FRAMEWORK_BEGINNING_STARTLEVEL, Integer.toString(HIGHEST_START_LEVEL));
        properties.put(DATA_DIR_PROPERTY, dataDir.toAbsolutePath().toString());
        if (configFile != null) {
            properties.put(CONFIG_FILE_PROPERTY, configFile.toAbsolutePath().toString());
        }
        if (release != null) {
            properties.put(RELEASE_PROPERTY, release);
        }

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        Framework framework = factory.newFramework(properties);
        framework.init();
        List<Bundle> toStart = synchronizeBundles(framework.getBundleContext(), bundlesDir);
        Map<Bundle, Integer> levels = new HashMap<>();
        for (Bundle bundle : toStart) {
            levels.put(bundle, startLevel(bundle));
            bundle.adapt(BundleStartLevel.class).setStartLevel(levels.get(bundle));
        }
        toStart.sort(Comparator.comparingInt(levels::get));
        framework.start();
        for (Bundle bundle : toStart) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    bundle.start();
                } catch (BundleException | IllegalStateException e) {
                    System.err.println("mutualis-gateway: bundle " + bundle.getSymbolicName() + " did not start: " + e);
                }
            }
        }
        return new GatewayRuntime(framework);
    }

    /** The bundle's declared start level, 1 when it declares none or something unusable. */
    static int startLevel(Bundle bundle) {
        String declared = bundle.getHeaders().get(START_LEVEL_HEADER);
        if (declared == null) {
            return 1;
        }
        try {
            int level = Integer.parseInt(declared.trim());
            if (level >= 1 && level <= HIGHEST_START_LEVEL) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println("mutualis-gateway: bundle " + bundle.getSymbolicName() + " has " + START_LEVEL_HEADER + ": "
                + declared + "; expected 1 to " + HIGHEST_START_LEVEL + ", starting it at level 1");
        return 1;
    }

    private static List<Bundle> synchronizeBundles(BundleContext context, Path bundlesDir)
            throws IOException, BundleException {
        String prefix = bundlesDir.toAbsolutePath().toUri().toString();
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(prefix)) {
                installed.put(bundle.getLocation(), bundle);
            }
        }
        List<Bundle> bundles = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(bundlesDir, "*.jar")) {
            for (Path jar : jars) {
                String location = jar.toAbsolutePath().toUri().toString();
                Bundle bundle = installed.remove(location);
                if (bundle == null) {
                    bundle = context.installBundle(location);
                } else if (Files.getLastModifiedTime(jar).toMillis() > bundle.getLastModified()) {
                    bundle.update();
                }
                bundles.add(bundle);
            }
        }
        for (Bundle removed : installed.values()) {
            removed.uninstall();
        }
        return bundles;
    }

    public BundleContext bundleContext() {
        return framework.getBundleContext();
    }

    /** Stops every bundle (components deactivate: the uplink says goodbye) and the framework. */
    public void stop(Duration timeout) throws BundleException, InterruptedException {
        framework.stop();
        FrameworkEvent event = framework.waitForStop(timeout.toMillis());
        if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
            throw new IllegalStateException("framework did not stop within " + timeout);
        }
    }

    /**
     * Blocks until the framework has stopped, whoever stopped it. An update of the system bundle
     * makes Felix restart itself in place: that is not a stop, so this keeps waiting.
     */
    public void awaitStop() throws InterruptedException {
        while (framework.waitForStop(0).getType() == FrameworkEvent.STOPPED_UPDATE) {
            // Felix stopped and started the same framework again; it is running
        }
    }

    /** Asks the framework to stop without waiting (the launcher decides what runs next). */
    public void requestStop() throws BundleException {
        framework.stop();
    }
}
