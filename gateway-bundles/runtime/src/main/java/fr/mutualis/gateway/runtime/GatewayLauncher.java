package fr.mutualis.gateway.runtime;

import fr.mutualis.gateway.release.generation.BootPlan;
import fr.mutualis.gateway.release.generation.GenerationState;
import fr.mutualis.gateway.release.generation.GenerationStore;
import fr.mutualis.gateway.release.pkg.ReleaseVersion;
import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.osgi.framework.BundleException;

/**
 * {@code java -jar mutualis-gateway-runtime.jar --config gateway.properties}: starts the gateway
 * agent and stops it cleanly on SIGTERM (systemd's stop, Ctrl-C).
 *
 * <p>The launcher reads only {@code data.dir} from the configuration file; the rest of the file is
 * applied to ConfigAdmin by the gateway-core bundle, which validates it.
 *
 * <p>It also chooses which <em>generation</em> of the bundle set to start — the distribution's own,
 * or a release installed over the air — and reverts a release on trial that does not confirm itself
 * in time or that crashed the gateway ({@link GenerationStore}, {@link ReleaseDeadline}).
 */
public final class GatewayLauncher {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private GatewayLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path configFile = null;
        Path bundlesDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> configFile = Path.of(requireValue(args, ++i, "--config"));
                case "--bundles" -> bundlesDir = Path.of(requireValue(args, ++i, "--bundles"));
                case "--help", "-h" -> {
                    System.out.println(usage());
                    return;
                }
                default -> exit("unknown argument '" + args[i] + "'\n" + usage());
            }
        }
        if (configFile == null) {
            exit("missing --config\n" + usage());
        }
        if (!Files.isReadable(configFile)) {
            exit("cannot read the configuration file " + configFile.toAbsolutePath());
        }
        Path dataDir = dataDirectory(configFile);
        if (bundlesDir == null) {
            bundlesDir = installationDirectory().resolve("bundles");
        }
        if (!Files.isDirectory(bundlesDir)) {
            exit("no bundle directory at " + bundlesDir.toAbsolutePath());
        }

        run(new GenerationStore(dataDir, bundlesDir), dataDir, configFile, factoryRelease(bundlesDir));
    }

    /**
     * Starts the generation the state names, and starts again each time the framework stops after
     * the state changed (the update agent switched generations, or a trial was reverted); returns
     * when it is stopped for good (SIGTERM, or a stop that changed nothing).
     */
    private static void run(GenerationStore generations, Path dataDir, Path configFile, String factoryRelease)
            throws Exception {
        AtomicReference<GatewayRuntime> running = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        // Held while a framework starts. The hook is registered before the first start: a SIGTERM
        // while the bundles are still starting (seconds on a Pi) must stop them cleanly too, so
        // that the uplink says goodbye.
        ReentrantLock starting = new ReentrantLock();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWhenStarted(stopping, starting, running),
                "mutualis-shutdown"));
        while (!stopping.get()) {
            BootPlan plan = generations.planBoot();
            GenerationState booted = generations.load();
            String release = plan.release() != null ? plan.release() : factoryRelease;
            GatewayRuntime runtime;
            starting.lock();
            try {
                if (stopping.get()) {
                    return;
                }
                runtime = GatewayRuntime.start(plan.bundlesDir(), dataDir, configFile, plan.cacheDir(), release);
                running.set(runtime);
            } catch (IOException | BundleException | RuntimeException e) {
                if (plan.trialWindow().isEmpty()) {
                    throw e;
                }
                // a release on trial that cannot even start its framework: back to the previous one
                generations.revert("release " + release + " could not start: " + e);
                continue;
            } finally {
                starting.unlock();
            }
            try (ReleaseDeadline deadline = plan.trialWindow().isPresent()
                    ? new ReleaseDeadline(generations, plan, runtime::requestStop) : null) {
                runtime.awaitStop();
            }
            // The update agent (or the deadline) switches generations by writing the state, then
            // stopping the framework: a stop with the state unchanged is a stop for good.
            if (stopping.get() || generations.load().equals(booted)) {
                return;
            }
            System.out.println("mutualis-gateway: generations changed, restarting the framework");
        }
    }

    /**
     * The release the distribution's own bundle set is: {@code release.properties} next to
     * {@code bundles/}, written at build time. Null when absent (a development launch): the
     * update agent then refuses updates, having nothing to compare with.
     */
    private static String factoryRelease(Path bundlesDir) throws IOException {
        Path file = bundlesDir.toAbsolutePath().getParent().resolve("release.properties");
        if (!Files.isReadable(file)) {
            return null;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String release = properties.getProperty("release");
        return release == null || release.isBlank() ? null : ReleaseVersion.fromMaven(release).toString();
    }

    private static void stopWhenStarted(AtomicBoolean stopping, ReentrantLock starting,
                                        AtomicReference<GatewayRuntime> running) {
        stopping.set(true);
        try {
            if (!starting.tryLock(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                System.err.println("Gateway still starting after " + STOP_TIMEOUT + "; exiting without a clean stop");
                return;
            }
            try {
                GatewayRuntime runtime = running.get();
                if (runtime != null) {
                    runtime.stop(STOP_TIMEOUT);
                }
            } finally {
                starting.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("Gateway did not stop cleanly: " + e);
        }
    }

    private static Path dataDirectory(Path configFile) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String dataDir = properties.getProperty("data.dir");
        if (dataDir == null || dataDir.isBlank()) {
            exit("the configuration file " + configFile + " must set data.dir");
        }
        Path path = Path.of(dataDir.trim());
        // Relative paths are relative to the configuration file, not to wherever we were started from.
        return path.isAbsolute() ? path : configFile.toAbsolutePath().getParent().resolve(path).normalize();
    }

    /** The distribution's root: the parent of the lib/ directory holding this jar. */
    private static Path installationDirectory() throws URISyntaxException {
        Path jar = Path.of(GatewayLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().getParent();
    }

    private static String requireValue(String[] args, int index, String option) {
        if (index >= args.length) {
            exit(option + " needs a value");
        }
        return args[index];
    }

    private static String usage() {
        return "usage: mutualis-gateway --config <gateway.properties> [--bundles <dir>]";
    }

    private static void exit(String message) {
        System.err.println("mutualis-gateway: " + message);
        System.exit(2);
    }
}
