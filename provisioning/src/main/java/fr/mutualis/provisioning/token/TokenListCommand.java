package fr.mutualis.provisioning.token;

import com.fasterxml.jackson.databind.JsonNode;
import fr.mutualis.provisioning.Messages;
import fr.mutualis.provisioning.MutualisCommand;
import fr.mutualis.provisioning.Times;
import fr.mutualis.provisioning.fleet.FleetClient;
import fr.mutualis.provisioning.fleet.FleetException;
import fr.mutualis.provisioning.fleet.FleetOptions;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mutualis token list}: the enrolment tokens one may see, as a table, every page of them. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Liste les jetons d'enrôlement / lists enrolment tokens.")
public final class TokenListCommand implements Callable<Integer> {

    /** A bound on the pages followed, in case a faulty fleet kept answering the same cursor. */
    private static final int MAX_PAGES = 1000;

    @Spec
    CommandSpec spec;

    @Mixin
    FleetOptions fleetOptions;

    @Option(names = "--commune", paramLabel = "<insee>", description = "Seulement cette commune / only this commune.")
    String commune;

    @Override
    public Integer call() throws FleetException {
        Messages messages = MutualisCommand.of(spec).messages();
        PrintWriter out = spec.commandLine().getOut();
        if (commune != null && !Communes.isInseeCode(commune)) {
            throw new ParameterException(spec.commandLine(), messages.get("token.bad.commune", commune));
        }
        FleetClient fleet = fleetOptions.connect(messages, spec.commandLine().getErr());

        List<String[]> rows = new ArrayList<>();
        rows.add(messages.get("token.list.header").split("\\|"));
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            StringBuilder query = new StringBuilder();
            if (commune != null) {
                query.append("commune=").append(FleetClient.query(commune));
            }
            if (after != null) {
                query.append(query.length() > 0 ? "&" : "").append("after=").append(FleetClient.query(after));
            }
            JsonNode answer = fleet.get("/api/enrolment-tokens" + (query.length() > 0 ? "?" + query : "")).json();
            for (JsonNode token : answer.path("items")) {
                rows.add(row(messages, token));
            }
            String next = FleetClient.text(answer, "next");
            if (next == null || next.equals(after)) {
                break;
            }
            after = next;
        }
        if (rows.size() == 1) {
            out.println(messages.get(commune == null ? "token.list.empty" : "token.list.empty.commune", commune));
        } else {
            printTable(out, rows);
        }
        out.flush();
        return 0;
    }

    private static String[] row(Messages messages, JsonNode token) throws FleetException {
        String status = FleetClient.text(token, "status");
        String statusText = status == null ? "?" : messages.get("token.status." + switch (status) {
            case "PENDING", "USED", "EXPIRED", "CANCELLED" -> status;
            default -> "OTHER";
        }, status);
        String usedBy = FleetClient.text(token, "usedByGateway");
        String used = FleetClient.text(token, "usedAt") == null ? "—"
                : Times.brief(messages, FleetClient.instant(token, "usedAt")) + (usedBy == null ? "" : " (" + usedBy + ")");
        return new String[] {
            orDash(FleetClient.text(token, "id")),
            orDash(FleetClient.text(token, "commune")),
            orDash(FleetClient.text(token, "site")),
            orDash(FleetClient.text(token, "gatewayId")),
            statusText,
            Times.brief(messages, FleetClient.instant(token, "expiresAt")),
            orDash(FleetClient.text(token, "createdBy")),
            used,
        };
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }

    private static void printTable(PrintWriter out, List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns && c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].codePointCount(0, row[c].length()));
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = c < row.length ? row[c] : "";
                line.append(cell);
                if (c < columns - 1) {
                    line.append(" ".repeat(widths[c] - cell.codePointCount(0, cell.length()) + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
