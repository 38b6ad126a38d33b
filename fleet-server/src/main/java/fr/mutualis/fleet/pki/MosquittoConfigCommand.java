package fr.mutualis.fleet.pki;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar mutualis-fleet-server.jar mosquitto-config}: writes the Mosquitto configuration
 * for production ({@link MosquittoConfiguration}) with certificates from the fleet's CA. Runs on the
 * fleet's host (it needs the intermediate CA's key), without starting the server.
 */
public final class MosquittoConfigCommand {

    public static final String NAME = "mosquitto-config";

    private static final String USAGE = """
            Usage: java -jar mutualis-fleet-server.jar mosquitto-config --out=DIR --name=HOST [--name=HOST ...]
                   [--pki-dir=var/fleet/pki] [--listen=0.0.0.0] [--port=8883] [--validity=P397D]

            Writes mosquitto.conf, acl, ca.pem, crl.pem, broker.crt/.key (a server certificate for the
            given names), fleet-client.crt/.key (the fleet server's own client certificate) and
            fleet-broker.properties (the fleet server's settings for this broker) into DIR.
            Creates the CA in --pki-dir if there is none yet (see docs/pki.md for an offline root).
            """;

    private MosquittoConfigCommand() {
    }

    public static int run(PrintStream out, PrintStream err, String... args) {
        Path dir = Path.of("var/fleet/pki");
        Path target = null;
        String listen = "0.0.0.0";
        int port = 8883;
        Duration validity = Duration.ofDays(397);
        List<String> names = new ArrayList<>();
        try {
            for (String arg : args) {
                if (arg.equals("--help")) {
                    out.print(USAGE);
                    return 0;
                }
                String[] option = arg.split("=", 2);
                if (option.length != 2) {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
                switch (option[0]) {
                    case "--out" -> target = Path.of(option[1]);
                    case "--name" -> names.add(option[1]);
                    case "--pki-dir" -> dir = Path.of(option[1]);
                    case "--listen" -> listen = option[1];
                    case "--port" -> port = Integer.parseInt(option[1]);
                    case "--validity" -> validity = Duration.parse(option[1]);
                    default -> throw new IllegalArgumentException("unknown option " + option[0]);
                }
            }
            if (target == null || names.isEmpty()) {
                throw new IllegalArgumentException("--out and at least one --name are required");
            }
        } catch (RuntimeException e) {
            err.println("mosquitto-config: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            CertificateAuthority authority = CertificateAuthority.open(dir, true, Clock.systemUTC());
            for (Path file : MosquittoConfiguration.write(authority, target, listen, port, names, validity)) {
                out.println("wrote " + file);
            }
            out.println("Start Mosquitto with: mosquitto -c " + target.resolve("mosquitto.conf").toAbsolutePath());
            out.println("Add " + target.resolve("fleet-broker.properties").toAbsolutePath()
                    + " to the fleet server's configuration.");
            return 0;
        } catch (Exception e) {
            err.println("mosquitto-config: " + e.getMessage());
            return 1;
        }
    }
}
