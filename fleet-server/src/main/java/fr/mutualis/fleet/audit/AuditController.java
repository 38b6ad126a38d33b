package fr.mutualis.fleet.audit;

import fr.mutualis.contract.Identifiers;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log over HTTP: filtered pages in log order, and a streamed JSON Lines export that
 * carries the hashes, so that a commune can keep its copy and re-verify it on its own.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "Every operator action, append-only and hash-chained (docs/audit.md).")
class AuditController {

    /** JSON Lines (jsonlines.org): one canonical JSON object per line, UTF-8. */
    static final String JSON_LINES = "application/jsonl";

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * @param after the {@code nextAfter} of the previous page (0, the default, for the first)
     * @param from  ISO-8601 instant, inclusive
     * @param to    ISO-8601 instant, exclusive
     */
    @GetMapping
    @Operation(operationId = "listAuditEntries", summary = "Audit entries",
            description = "Entries in log order. People confined to communes must name one of theirs.")
    AuditPage entries(@Parameter(description = "Only this commune's entries (INSEE code).")
                      @RequestParam(required = false) String commune,
                      @Parameter(description = "Only this action, e.g. downlink.queue.")
                      @RequestParam(required = false) String action,
                      @Parameter(description = "From this instant (ISO-8601), inclusive.")
                      @RequestParam(required = false) Instant from,
                      @Parameter(description = "Until this instant (ISO-8601), exclusive.")
                      @RequestParam(required = false) Instant to,
                      @RequestParam(defaultValue = "0") long after,
                      @RequestParam(defaultValue = "100") int limit,
                      CommuneScope scope) {
        return audit.find(new AuditQuery(scope.requireVisible(commune), blankToNull(action), from, to, after, limit));
    }

    /**
     * One commune's entries, or the whole log without {@code commune}, streamed as they are read:
     * each line is the entry's canonical form with its {@code hash} (docs/audit.md says how to check it).
     */
    @GetMapping("/export")
    @Operation(operationId = "exportAudit", summary = "Export the audit log as JSON Lines",
            description = "One commune's entries (or, for the syndicate, the whole log) with their hashes.")
    void export(@Parameter(description = "The commune whose entries to export (INSEE code).")
                @RequestParam(required = false) String commune, CommuneScope communes,
                HttpServletResponse response) throws IOException {
        String scope = communes.requireVisible(commune);
        if (scope != null) {
            // before anything is written: a bad request still gets its problem detail
            Identifiers.requireCommune(scope);
        }
        response.setContentType(JSON_LINES);
        response.setCharacterEncoding("UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename("audit-" + (scope == null ? "all" : scope) + ".jsonl").build().toString());
        audit.export(scope, response.getOutputStream());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
