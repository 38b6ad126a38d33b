package fr.mutualis.gateway.runtime;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * {@code java -jar mutualis-gateway-runtime.jar --config gateway.properties}: starts the gateway
 * agent and stops it cleanly on SIGTERM (systemd's stop, Ctrl-C).
 *
 * <p>The launcher reads only {@code data.dir} from the configuration file; the rest of the file is
 * applied to ConfigAdmin by the gateway-core bundle, which validates it.
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

        GatewayRuntime runtime = GatewayRuntime.start(bundlesDir, dataDir, configFile);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runtime.stop(STOP_TIMEOUT);
            } catch (Exception e) {
                System.err.println("Gateway did not stop cleanly: " + e);
            }
        }, "mutualis-shutdown"));
        runtime.awaitStop();
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
