package fr.mutualis.fleet.audit;

import fr.mutualis.contract.Identifiers;
import java.time.Instant;

/**
 * Which audit entries to list; every criterion is optional.
 *
 * @param commune only this commune's entries
 * @param action  only this action
 * @param from    recorded at or after this instant
 * @param to      recorded before this instant
 * @param after   entries after this sequence number (the previous page's {@code nextAfter}); 0 for the start
 * @param limit   at most this many, 1 to {@link #MAX_LIMIT}
 */
public record AuditQuery(String commune, String action, Instant from, Instant to, long after, int limit) {

    public static final int MAX_LIMIT = 1000;

    public AuditQuery {
        if (commune != null) {
            Identifiers.requireCommune(commune);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (after < 0) {
            throw new IllegalArgumentException("after must be a sequence number, 0 or more");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
