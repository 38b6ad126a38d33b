package fr.mutualis.fleet.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reads one line of a JSON Lines export back into an {@link AuditEntry}, strictly. */
final class AuditExportLine {

    private static final Set<String> MEMBERS = Set.of("v", "seq", "at", "actor", "action", "targetType", "targetId",
            "commune", "before", "after", "prevHash", "communePrevHash", "hash");

    private AuditExportLine() {
    }

    /**
     * @throws IllegalArgumentException naming what is wrong: not JSON, a member missing, of the wrong
     *                                  type, or one too many (nothing outside the hash may ride along)
     */
    static AuditEntry parse(String line) {
        JsonNode node;
        try {
            node = CanonicalJson.parse(line);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Set<String> unknown = new TreeSet<>(node.propertyNames());
        unknown.removeAll(MEMBERS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("members that are not part of an audit entry: " + unknown);
        }
        Instant at;
        try {
            at = Instant.parse(text(node, "at", false));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'at' is not an ISO-8601 instant: " + node.get("at"));
        }
        return new AuditEntry((int) integer(node, "v", Short.MAX_VALUE), integer(node, "seq", Long.MAX_VALUE), at, text(node, "actor", false),
                text(node, "action", false), text(node, "targetType", false), text(node, "targetId", false),
                text(node, "commune", true), CanonicalJson.write(present(node, "before")),
                CanonicalJson.write(present(node, "after")), text(node, "prevHash", false),
                text(node, "communePrevHash", true), text(node, "hash", false));
    }

    private static JsonNode present(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null) {
            throw new IllegalArgumentException("'" + member + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String member, boolean nullable) {
        JsonNode value = present(node, member);
        if (value.isNull() && nullable) {
            return null;
        }
        if (!value.isString()) {
            throw new IllegalArgumentException("'" + member + "' must be a string" + (nullable ? " or null" : ""));
        }
        return value.asString();
    }

    private static long integer(JsonNode node, String member, long max) {
        JsonNode value = present(node, member);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0 || value.longValue() > max) {
            throw new IllegalArgumentException("'" + member + "' must be an integer from 0 to " + max);
        }
        return value.longValue();
    }
}
