package fr.mutualis.fleet.audit;

import fr.mutualis.contract.Identifiers;
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
    AuditPage entries(@RequestParam(required = false) String commune,
                      @RequestParam(required = false) String action,
                      @RequestParam(required = false) Instant from,
                      @RequestParam(required = false) Instant to,
                      @RequestParam(defaultValue = "0") long after,
                      @RequestParam(defaultValue = "100") int limit) {
        return audit.find(new AuditQuery(blankToNull(commune), blankToNull(action), from, to, after, limit));
    }

    /**
     * One commune's entries, or the whole log without {@code commune}, streamed as they are read:
     * each line is the entry's canonical form with its {@code hash} (docs/audit.md says how to check it).
     */
    @GetMapping("/export")
    void export(@RequestParam(required = false) String commune, HttpServletResponse response) throws IOException {
        String scope = blankToNull(commune);
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
