package fr.mutualis.provisioning.release;

import fr.mutualis.provisioning.Messages;
import fr.mutualis.provisioning.MutualisCommand;
import picocli.CommandLine.Model.CommandSpec;

/** The messages and streams of a release command; a refusal is one sentence and exit code 1. */
final class ReleaseOutput {

    static final int EXIT_REFUSED = 1;

    private final CommandSpec spec;
    private final Messages messages;

    ReleaseOutput(CommandSpec spec) {
        this.spec = spec;
        this.messages = MutualisCommand.of(spec).messages();
    }

    int done(String key, Object... arguments) {
        spec.commandLine().getOut().println(messages.get(key, arguments));
        spec.commandLine().getOut().flush();
        return 0;
    }

    int refused(String key, Object... arguments) {
        spec.commandLine().getErr().println(messages.get(key, arguments));
        spec.commandLine().getErr().flush();
        return EXIT_REFUSED;
    }
}
