package fr.mutualis.fleet.audit;

import java.util.List;

/**
 * One page of audit entries, in log order.
 *
 * @param entries   at most the requested limit
 * @param nextAfter the {@code after} value that asks for the next page; null when this page is the last
 */
public record AuditPage(List<AuditEntry> entries, Long nextAfter) {
}
