package fr.mutualis.provisioning.config;

import fr.mutualis.provisioning.Messages;
import fr.mutualis.provisioning.MutualisCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mutualis gateway-config}: writes a validated configuration file for a gateway agent. */
@Command(name = "gateway-config", mixinStandardHelpOptions = true,
        description = "Écrit le fichier de configuration d'une passerelle / writes a gateway's configuration file.")
public final class GatewayConfigCommand implements Callable<Integer> {

    @ParentCommand
    MutualisCommand parent;

    @Option(names = "--id", required = true, description = "Identifiant de la passerelle / gateway id.")
    String gatewayId;

    @Option(names = "--commune", required = true, description = "Code INSEE de la commune / INSEE code.")
    String commune;

    @Option(names = "--broker", required = true, description = "URL du broker MQTT / MQTT broker URL.")
    String brokerUrl;

    @Option(names = "--data-dir", defaultValue = "/var/lib/mutualis",
            description = "Répertoire de données / data directory (défaut ${DEFAULT-VALUE}).")
    String dataDir;

    @Option(names = "--gwmp-port", defaultValue = "1700", description = "Port UDP du concentrateur (défaut ${DEFAULT-VALUE}).")
    int gwmpPort;

    @Option(names = "--output", required = true, description = "Fichier à écrire / file to write.")
    Path output;

    @Option(names = "--force", description = "Remplace un fichier existant / replaces an existing file.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        Messages messages = parent.messages();
        GatewayConfigFile file;
        try {
            file = new GatewayConfigFile(gatewayId, commune, brokerUrl, dataDir, "127.0.0.1", gwmpPort);
        } catch (IllegalArgumentException e) {
            System.err.println(messages.get("config.invalid", e.getMessage()));
            return 2;
        }
        if (Files.exists(output) && !force) {
            System.err.println(messages.get("config.exists", output));
            return 2;
        }
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        Files.writeString(output, file.render(), StandardCharsets.UTF_8);
        System.out.println(messages.get("config.written", output));
        return 0;
    }
}
