package fr.mutualis.provisioning.fleet;

import fr.mutualis.provisioning.Messages;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --fleet} and {@code --api-token}, shared by every command that talks to the fleet. Both
 * can come from the environment ({@code MUTUALIS_FLEET}, {@code MUTUALIS_API_TOKEN}): a token on
 * the command line is visible to other users in {@code ps} and stays in the shell's history.
 */
public final class FleetOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--fleet", defaultValue = "${env:MUTUALIS_FLEET}", paramLabel = "<url>",
            description = "Adresse du serveur de flotte, ex. https://flotte.example.org:8443 (ou MUTUALIS_FLEET) "
                    + "/ fleet server address (or MUTUALIS_FLEET).")
    String fleet;

    @Option(names = "--api-token", defaultValue = "${env:MUTUALIS_API_TOKEN}", paramLabel = "<jeton>",
            description = "Jeton d'API (de préférence la variable MUTUALIS_API_TOKEN) "
                    + "/ API token (preferably the MUTUALIS_API_TOKEN variable).")
    String apiToken;

    /** A client for the named fleet, or a usage error (exit code 2) in the user's language. */
    public FleetClient connect(Messages messages, PrintWriter err) {
        if (fleet == null || fleet.isBlank()) {
            throw new ParameterException(mixee.commandLine(), messages.get("fleet.missing.url"));
        }
        if (apiToken == null || apiToken.isBlank()) {
            throw new ParameterException(mixee.commandLine(), messages.get("fleet.missing.token"));
        }
        URI uri;
        try {
            uri = new URI(fleet.trim());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new ParameterException(mixee.commandLine(), messages.get("fleet.bad.url", fleet));
        }
        if ("http".equalsIgnoreCase(uri.getScheme()) && !isLoopback(uri.getHost())) {
            err.println(messages.get("fleet.plain.http", fleet));
        }
        return new FleetClient(uri, apiToken.trim());
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
