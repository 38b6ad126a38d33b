package fr.mutualis.provisioning.token;

import fr.mutualis.provisioning.Messages;
import fr.mutualis.provisioning.MutualisCommand;
import fr.mutualis.provisioning.fleet.FleetClient;
import fr.mutualis.provisioning.fleet.FleetException;
import fr.mutualis.provisioning.fleet.FleetOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mutualis token cancel <id>}: a token that is no longer needed (or was shown to the wrong person) can no longer enrol anything. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = "Annule un jeton d'enrôlement encore inutilisé / cancels an unused enrolment token.")
public final class TokenCancelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleetOptions;

    @Parameters(index = "0", paramLabel = "<id>", description = "Identifiant du jeton (voir token list) / the token's id.")
    String id;

    @Override
    public Integer call() throws FleetException {
        Messages messages = MutualisCommand.of(spec).messages();
        FleetClient fleet = fleetOptions.connect(messages, spec.commandLine().getErr());
        fleet.delete("/api/enrolment-tokens/" + FleetClient.segment(id));
        spec.commandLine().getOut().println(messages.get("token.cancelled", id));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
