package fr.mutualis.provisioning.token;

import com.fasterxml.jackson.databind.JsonNode;
import fr.mutualis.provisioning.Messages;
import fr.mutualis.provisioning.MutualisCommand;
import fr.mutualis.provisioning.Durations;
import fr.mutualis.provisioning.Terminal;
import fr.mutualis.provisioning.Times;
import fr.mutualis.provisioning.fleet.FleetClient;
import fr.mutualis.provisioning.fleet.FleetException;
import fr.mutualis.provisioning.fleet.FleetOptions;
import fr.mutualis.provisioning.qr.PngQr;
import fr.mutualis.provisioning.qr.QrCode;
import fr.mutualis.provisioning.qr.TerminalQr;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code mutualis token create}: asks the fleet for a single-use enrolment token
 * ({@code POST /api/enrolment-tokens}) and shows it the two ways a technician uses it: a short
 * code to type, and the enrolment URL as a QR code (terminal, and PNG on request).
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = "Crée un jeton d'enrôlement à usage unique et son QR code / creates a single-use enrolment token and its QR code.")
public final class TokenCreateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleetOptions;

    @Option(names = "--commune", required = true, paramLabel = "<insee>",
            description = "Code INSEE de la commune, ex. 35238 / the commune's INSEE code.")
    String commune;

    @Option(names = "--site", description = "Site d'installation (facultatif) / installation site (optional).")
    String site;

    @Option(names = "--gateway-id", paramLabel = "<id>",
            description = "Réserve le jeton à cette passerelle (facultatif) / binds the token to this gateway (optional).")
    String gatewayId;

    @Option(names = "--valid-for", defaultValue = "PT24H", paramLabel = "<durée>",
            description = "Durée de validité ISO-8601 (défaut ${DEFAULT-VALUE}) / validity, ISO-8601.")
    String validity;

    @Option(names = "--qr-png", paramLabel = "<fichier.png>",
            description = "Enregistre aussi le QR code en PNG / also writes the QR code as a PNG file.")
    Path qrPng;

    @Option(names = "--json", description = "Affiche la réponse brute du serveur (scripts) / prints the fleet's raw answer.")
    boolean json;

    @Override
    public Integer call() throws FleetException {
        MutualisCommand root = MutualisCommand.of(spec);
        Messages messages = root.messages();
        PrintWriter out = spec.commandLine().getOut();
        if (!Communes.isInseeCode(commune)) {
            throw new ParameterException(spec.commandLine(), messages.get("token.bad.commune", commune));
        }
        Duration validFor = Durations.parse(validity);
        if (validFor == null || validFor.isNegative() || validFor.isZero()) {
            throw new ParameterException(spec.commandLine(), messages.get("token.bad.validity", validity));
        }
        FleetClient fleet = fleetOptions.connect(messages, spec.commandLine().getErr());

        Map<String, Object> request = new LinkedHashMap<>();
        request.put("commune", commune);
        request.put("site", site);
        request.put("gatewayId", gatewayId);
        request.put("validFor", validFor.toString());
        FleetClient.Reply reply = fleet.post("/api/enrolment-tokens", request);
        JsonNode token = reply.json();
        String code = FleetClient.requireText(token, "code");
        String url = FleetClient.requireText(token, "enrolmentUrl");
        Instant expiresAt = FleetClient.instant(token, "expiresAt");
        QrCode qr = QrCode.encode(url);
        boolean pngWritten = false;
        if (qrPng != null) {
            try {
                PngQr.write(qr, qrPng);
                pngWritten = true;
            } catch (IOException e) {
                // The token exists now: show it anyway, so that it is neither lost nor created twice.
                spec.commandLine().getErr().println(messages.get("token.png.failed", qrPng, String.valueOf(e.getMessage())));
            }
        }
        int exitCode = qrPng != null && !pngWritten ? 1 : 0;
        if (json) {
            out.println(reply.body());
            out.flush();
            return exitCode;
        }

        boolean colours = Terminal.colours();
        out.println(messages.get("token.created"));
        out.println();
        printCode(out, code, colours);
        out.println();
        out.println(messages.get("token.created.commune", FleetClient.requireText(token, "commune")));
        String site = FleetClient.text(token, "site");
        out.println(messages.get("token.created.site", site == null ? messages.get("token.any.site") : site));
        String gateway = FleetClient.text(token, "gatewayId");
        out.println(messages.get("token.created.gateway", gateway == null ? messages.get("token.any.gateway") : gateway));
        Instant now = reply.date().orElseGet(Instant::now);
        out.println(messages.get("token.created.expires", Times.full(messages, expiresAt),
                expiresAt == null ? "—" : Times.duration(messages, Duration.between(now, expiresAt))));
        out.println(messages.get("token.created.single.use"));
        out.println();
        out.println(messages.get("token.created.scan"));
        out.print(TerminalQr.render(qr, colours));
        out.println(messages.get("token.created.url", url));
        if (pngWritten) {
            out.println(messages.get("token.created.png", qrPng));
        }
        out.flush();
        return exitCode;
    }

    /** The code in a frame, each character spaced out: read aloud over the phone or typed on a small screen. */
    private static void printCode(PrintWriter out, String code, boolean colours) {
        StringJoiner spaced = new StringJoiner("  -  ");
        for (String group : code.split("-")) {
            spaced.add(String.join(" ", group.split("")));
        }
        String inside = "   " + spaced + "   ";
        String bar = "═".repeat(inside.length());
        out.println("    ╔" + bar + "╗");
        out.println("    ║" + Terminal.bold(inside, colours) + "║");
        out.println("    ╚" + bar + "╝");
    }
}
