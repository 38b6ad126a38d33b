package fr.mutualis.provisioning.enrol;

import fr.mutualis.gateway.enrolment.EnrolledIdentity;
import fr.mutualis.gateway.enrolment.EnrolmentClient;
import fr.mutualis.gateway.enrolment.EnrolmentException;
import fr.mutualis.gateway.enrolment.EnrolmentInvitation;
import fr.mutualis.gateway.enrolment.IdentityFiles;
import fr.mutualis.provisioning.Messages;
import fr.mutualis.provisioning.MutualisCommand;
import fr.mutualis.provisioning.Times;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mutualis enrol}: enrols a gateway that has no console, run on the gateway itself (over SSH
 * or from a provisioning script): the key pair is generated here, on the device, and written to
 * the agent's data directory with the certificate; the agent uses them at its next start. It is
 * the same enrolment code as the agent's own (the {@code mutualis-enrolment} bundle).
 */
@Command(name = "enrol", mixinStandardHelpOptions = true,
        description = "Enrôle cette passerelle (sans console) / enrols this gateway (no console needed).")
public final class EnrolCommand implements Callable<Integer> {

    static final int ENROLLED = 0;
    static final int REFUSED = 1;
    static final int UNREACHABLE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--invitation", paramLabel = "<url>",
            description = "Adresse du QR code d'enrôlement (https://…/enrol?code=…&ca=…) / the enrolment QR code's URL.")
    String invitation;

    @Option(names = "--code", paramLabel = "<code>",
            description = "Code à saisir, s'il diffère de celui de l'adresse / a typed code replacing the URL's.")
    String code;

    @Option(names = "--data-dir", required = true, paramLabel = "<dossier>",
            description = "Dossier de données de l'agent (data.dir) / the agent's data directory.")
    Path dataDir;

    @Option(names = "--gateway-id", defaultValue = "", paramLabel = "<id>",
            description = "Identifiant proposé si le jeton n'en fixe pas / proposed id when the token names none.")
    String gatewayId;

    @Option(names = "--timeout", defaultValue = "PT20S", paramLabel = "<durée>",
            description = "Délai de réponse du serveur / server timeout (ISO-8601).")
    Duration timeout;

    @Override
    public Integer call() throws IOException {
        Messages messages = MutualisCommand.of(spec).messages();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EnrolmentInvitation parsed;
        try {
            parsed = EnrolmentInvitation.parse(invitation);
            if (code != null && !code.isBlank()) {
                parsed = parsed.withCode(code.trim());
            }
        } catch (IllegalArgumentException e) {
            err.println(messages.get("enrol.bad.invitation", e.getMessage()));
            err.flush();
            return 2;
        }
        IdentityFiles files = IdentityFiles.under(dataDir);
        if (files.load().isPresent()) {
            err.println(messages.get("enrol.already", files.load().get().gatewayId(), dataDir.resolve("identity")));
            err.flush();
            return REFUSED;
        }
        out.println(messages.get("enrol.start", parsed.fleetUrl()));
        out.flush();
        try {
            EnrolledIdentity identity = new EnrolmentClient(timeout).enrol(parsed, gatewayId, files);
            out.println(messages.get("enrol.done", identity.gatewayId(), identity.commune(),
                    Times.full(messages, identity.notAfter()), dataDir.resolve("identity")));
            out.println(messages.get("enrol.next", identity.mqttUrl()));
            out.flush();
            return ENROLLED;
        } catch (EnrolmentException e) {
            String key = switch (e.reason()) {
                case "TOKEN_UNKNOWN" -> "enrol.refused.unknown";
                case "TOKEN_EXPIRED" -> "enrol.refused.expired";
                case "TOKEN_USED" -> "enrol.refused.used";
                case "TOKEN_CANCELLED" -> "enrol.refused.cancelled";
                case "GATEWAY_ALREADY_ENROLLED" -> "enrol.refused.enrolled";
                case "UNTRUSTED_SERVER" -> "enrol.refused.untrusted";
                case "NETWORK" -> "enrol.unreachable";
                default -> "enrol.refused.other";
            };
            err.println(messages.get(key, parsed.fleetUrl()));
            err.println(messages.get("enrol.detail", e.getMessage()));
            err.flush();
            return e.permanent() ? REFUSED : UNREACHABLE;
        }
    }
}
