package fr.mutualis.provisioning;

import fr.mutualis.provisioning.checklist.ChecklistCommand;
import fr.mutualis.provisioning.config.GatewayConfigCommand;
import fr.mutualis.provisioning.demo.DemoCommand;
import fr.mutualis.provisioning.enrol.EnrolCommand;
import fr.mutualis.provisioning.fleet.FleetException;
import fr.mutualis.provisioning.release.ReleaseCommand;
import fr.mutualis.provisioning.revoke.RevokeCommand;
import fr.mutualis.provisioning.token.TokenCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code mutualis}: the technicians' and operators' command line. */
@Command(name = "mutualis", mixinStandardHelpOptions = true, version = "mutualis 0.1.0",
        description = "Outils Mutualis pour techniciens et opérateurs / Mutualis tools for technicians and operators.",
        subcommands = {GatewayConfigCommand.class, DemoCommand.class, TokenCommand.class, EnrolCommand.class, RevokeCommand.class,
                ChecklistCommand.class, ReleaseCommand.class})
public final class MutualisCommand {

    /** Exit code of a usage error or of a failed call to the fleet (picocli's own usage code). */
    public static final int EXIT_USAGE_OR_API = 2;

    @Option(names = "--lang", scope = CommandLine.ScopeType.INHERIT, defaultValue = "fr",
            description = "Langue des messages : fr (défaut) ou en / message language: fr (default) or en.")
    String language;

    private final InputStream input;
    private BufferedReader reader;

    public MutualisCommand() {
        this(System.in);
    }

    /** @param input where confirmations are read from (the terminal; a test's answers) */
    public MutualisCommand(InputStream input) {
        this.input = input;
    }

    public Messages messages() {
        return new Messages(language);
    }

    /** The user's answer to a question, or null when there is nobody to answer (end of input). */
    public String readLine() throws IOException {
        if (reader == null) {
            reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        }
        return reader.readLine();
    }

    /** The root command of the command that {@code spec} describes, however deeply nested. */
    public static MutualisCommand of(CommandSpec spec) {
        return (MutualisCommand) spec.root().userObject();
    }

    /**
     * The command line with its handling of expected failures: a {@link FleetException} (the fleet
     * refused, is unreachable, answered nonsense) is one sentence on standard error and exit code 2.
     * Anything else is a bug and keeps picocli's stack trace.
     */
    public static CommandLine commandLine(MutualisCommand root) {
        CommandLine commandLine = new CommandLine(root);
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof FleetException fleet) {
                failed.getErr().println(fleet.describe(root.messages()));
                failed.getErr().flush();
                return EXIT_USAGE_OR_API;
            }
            throw exception;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        CommandLine commandLine = commandLine(new MutualisCommand());
        // UTF-8 whatever the JVM's default: check marks, accents and the QR code's half blocks.
        commandLine.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        commandLine.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(commandLine.execute(args));
    }
}
