package fr.mutualis.provisioning.revoke;

import com.fasterxml.jackson.databind.JsonNode;
import fr.mutualis.provisioning.Messages;
import fr.mutualis.provisioning.MutualisCommand;
import fr.mutualis.provisioning.Times;
import fr.mutualis.provisioning.fleet.FleetClient;
import fr.mutualis.provisioning.fleet.FleetException;
import fr.mutualis.provisioning.fleet.FleetOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mutualis revoke <gatewayId>}: revokes every certificate of a gateway (stolen, replaced,
 * compromised). It cannot be undone — the gateway must then be enrolled again with a new token —
 * so it asks the user to type the gateway's id unless {@code --yes} says a script already decided.
 */
@Command(name = "revoke", mixinStandardHelpOptions = true,
        description = "Révoque une passerelle : ses certificats ne sont plus acceptés / revokes a gateway's certificates.")
public final class RevokeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleetOptions;

    @Parameters(index = "0", paramLabel = "<gatewayId>", description = "Identifiant de la passerelle / gateway id.")
    String gatewayId;

    @Option(names = "--reason", required = true, paramLabel = "<texte>",
            description = "Motif, gardé dans le journal d'audit / reason, kept in the audit log.")
    String reason;

    @Option(names = "--yes", description = "Ne demande pas de confirmation (scripts) / does not ask for confirmation.")
    boolean yes;

    @Override
    public Integer call() throws FleetException, IOException {
        MutualisCommand root = MutualisCommand.of(spec);
        Messages messages = root.messages();
        PrintWriter out = spec.commandLine().getOut();
        if (reason.isBlank()) {
            throw new ParameterException(spec.commandLine(), messages.get("revoke.no.reason"));
        }
        FleetClient fleet = fleetOptions.connect(messages, spec.commandLine().getErr());
        if (!yes) {
            out.println(messages.get("revoke.confirm.what", gatewayId, fleet.base()));
            out.print(messages.get("revoke.confirm.prompt", gatewayId));
            out.flush();
            String answer = root.readLine();
            if (answer == null) {
                throw new ParameterException(spec.commandLine(), messages.get("revoke.confirm.no.input"));
            }
            if (!answer.trim().equals(gatewayId)) {
                out.println(messages.get("revoke.abandoned"));
                out.flush();
                return 1;
            }
        }

        JsonNode result = fleet.post("/api/gateways/" + FleetClient.segment(gatewayId) + "/revocation",
                Map.of("reason", reason)).json();
        JsonNode serials = result == null ? null : result.get("revokedCertificates");
        out.println(messages.get("revoke.done", gatewayId, Times.full(messages, FleetClient.instant(result, "revokedAt"))));
        if (serials == null || serials.isEmpty()) {
            out.println(messages.get("revoke.none"));
        } else {
            out.println(messages.get("revoke.certificates", serials.size()));
            for (JsonNode serial : serials) {
                out.println("    " + serial.asText());
            }
        }
        out.println(messages.get("revoke.next"));
        out.flush();
        return 0;
    }
}
