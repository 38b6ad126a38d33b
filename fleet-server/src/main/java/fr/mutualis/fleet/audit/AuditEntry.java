package fr.mutualis.fleet.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the audit log: who did what, when, to which target of which commune, with the
 * state before and after, chained to the entries before it.
 *
 * <p>{@link #content()} is the canonical serialisation that {@link #hash} is the SHA-256 of; its
 * form is specified in {@code docs/audit.md} and must never change for format version 1.
 *
 * @param v               canonical format version ({@link #FORMAT_VERSION})
 * @param seq             position in the log, from 1, without gaps
 * @param at              when it was recorded (microsecond precision, as PostgreSQL stores it)
 * @param actor           who did it ({@link Actor#name()})
 * @param action          what was done, "feature.verb" (e.g. {@code downlink.queue})
 * @param targetType      the kind of thing acted on (e.g. {@code gateway})
 * @param targetId        which one
 * @param commune         the commune it belongs to; null for a syndicate-wide action
 * @param before          canonical JSON text of the state before ({@code null} when none)
 * @param after           canonical JSON text of the state after, or the request ({@code null} when none)
 * @param prevHash        hash of entry {@code seq - 1}; {@link #GENESIS_HASH} for entry 1
 * @param communePrevHash hash of the previous entry of the same commune ({@link #GENESIS_HASH} for
 *                        its first); null when {@code commune} is null
 * @param hash            SHA-256 of {@link #content()}, lower-case hex
 */
public record AuditEntry(int v, long seq, Instant at, String actor, String action, String targetType,
                         String targetId, String commune, @JsonRawValue String before, @JsonRawValue String after,
                         String prevHash, String communePrevHash, String hash) {

    public static final int FORMAT_VERSION = 1;
    /** The previous hash of the first entry of the log, and of the first entry of each commune. */
    public static final String GENESIS_HASH = "0".repeat(64);

    /** Exactly six fractional digits, UTC, 'Z': one text per instant. */
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(before, "before (\"null\" when none)");
        Objects.requireNonNull(after, "after (\"null\" when none)");
        Objects.requireNonNull(prevHash, "prevHash");
    }

    /** A new entry chained after the given hashes; computes its hash. */
    static AuditEntry chained(long seq, Instant at, String actor, String action, String targetType, String targetId,
                              String commune, String before, String after, String prevHash, String communePrevHash) {
        AuditEntry unsigned = new AuditEntry(FORMAT_VERSION, seq, at.truncatedTo(ChronoUnit.MICROS), actor, action,
                targetType, targetId, commune, before, after, prevHash, communePrevHash, "");
        return unsigned.withHash(unsigned.computeHash());
    }

    AuditEntry withHash(String newHash) {
        return new AuditEntry(v, seq, at, actor, action, targetType, targetId, commune, before, after, prevHash,
                communePrevHash, newHash);
    }

    /**
     * The canonical serialisation hashed into {@link #hash}: a canonical JSON object (see
     * {@link CanonicalJson}) of every field except {@code hash}, members in code-unit order, encoded
     * as UTF-8 by {@link #computeHash()}.
     */
    public String content() {
        return CanonicalJson.object(members());
    }

    /** One line of the JSON Lines export: {@link #content()} with the {@code hash} member added, still canonical. */
    public String exportLine() {
        Map<String, String> members = members();
        members.put("hash", CanonicalJson.string(hash));
        return CanonicalJson.object(members);
    }

    /** SHA-256 of the UTF-8 bytes of {@link #content()}, lower-case hex. */
    public String computeHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The timestamp as it appears in the canonical form, e.g. {@code 2026-11-22T14:15:12.004517Z}. */
    public static String formatAt(Instant at) {
        return AT.format(at);
    }

    private Map<String, String> members() {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("v", Integer.toString(v));
        members.put("seq", Long.toString(seq));
        members.put("at", CanonicalJson.string(formatAt(at)));
        members.put("actor", CanonicalJson.string(actor));
        members.put("action", CanonicalJson.string(action));
        members.put("targetType", CanonicalJson.string(targetType));
        members.put("targetId", CanonicalJson.string(targetId));
        members.put("commune", nullable(commune));
        members.put("before", before);
        members.put("after", after);
        members.put("prevHash", CanonicalJson.string(prevHash));
        members.put("communePrevHash", nullable(communePrevHash));
        return members;
    }

    private static String nullable(String value) {
        return value == null ? "null" : CanonicalJson.string(value);
    }

    /** "#12 (downlink.queue on gateway gw-1 of 35238 by anonymous at 2026-…Z)": how messages name an entry. */
    String describe() {
        return "#" + seq + " (" + action + " on " + targetType + " " + targetId
                + (commune == null ? ", syndicate-wide," : " of " + commune) + " by " + actor + " at " + formatAt(at) + ")";
    }
}
