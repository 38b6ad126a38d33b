package fr.mutualis.provisioning;

import fr.mutualis.provisioning.config.GatewayConfigCommand;
import fr.mutualis.provisioning.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mutualis}: the technicians' and operators' command line. */
@Command(name = "mutualis", mixinStandardHelpOptions = true, version = "mutualis 0.1.0",
        description = "Outils Mutualis pour techniciens et opérateurs / Mutualis tools for technicians and operators.",
        subcommands = {GatewayConfigCommand.class, DemoCommand.class})
public final class MutualisCommand {

    @Option(names = "--lang", scope = CommandLine.ScopeType.INHERIT, defaultValue = "fr",
            description = "Langue des messages : fr (défaut) ou en / message language: fr (default) or en.")
    String language;

    public Messages messages() {
        return new Messages(language);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new MutualisCommand()).execute(args));
    }
}
