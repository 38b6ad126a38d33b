package fr.mutualis.fleet.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Walks audit entries in log order and stops at the first one that breaks the chain, with a
 * message that names it and says what is wrong. Fed from the database (the whole log) or from an
 * export (the whole log, or one commune's entries).
 *
 * <p>Checks, in this order for each entry: its position (the whole log has every number from 1;
 * an export is in increasing order), its format version, its own hash against its content, then
 * its links (to the previous entry's hash, when that entry is at hand; to the previous entry of its
 * commune). A field changed in place shows as a hash mismatch on that entry; an entry rewritten
 * with a recomputed hash shows as a broken link on the next one; a removed entry as a missing number
 * or a broken commune link.
 */
final class AuditChainVerifier {

    private final String onlyCommune;
    private final Anchor anchor;
    private final Map<String, Long> communeHeadSeq = new HashMap<>();
    private final Map<String, String> communeHeadHash = new HashMap<>();
    private AuditEntry first;
    private AuditEntry previous;
    private long count;
    private String failure;

    /**
     * An entry recorded elsewhere (a printed summary, an earlier export) that must still be in the
     * log with the same hash: the chain alone cannot show that its tail was cut off or rewritten.
     */
    record Anchor(long seq, String hash) {

        /** Parses {@code SEQ:HASH}. */
        static Anchor parse(String text) {
            int colon = text.indexOf(':');
            if (colon < 1 || !text.substring(colon + 1).matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("an anchor is SEQ:HASH, e.g. 1234:" + "3f".repeat(32)
                        + " (the hash in lower-case hex), not '" + text + "'");
            }
            return new Anchor(Long.parseLong(text.substring(0, colon)), text.substring(colon + 1));
        }
    }

    private AuditChainVerifier(String onlyCommune, Anchor anchor) {
        this.onlyCommune = onlyCommune;
        this.anchor = anchor;
    }

    /** The whole log: every number from 1, every link checked. */
    static AuditChainVerifier wholeLog(Anchor anchor) {
        return new AuditChainVerifier(null, anchor);
    }

    /**
     * One commune's export: its entries only, from its first; the global link is checked where
     * two consecutive numbers are at hand (between them lie other communes' entries).
     */
    static AuditChainVerifier commune(String commune, Anchor anchor) {
        return new AuditChainVerifier(commune, anchor);
    }

    /** Checks the next entry; returns false, and keeps the reason, at the first broken one. */
    boolean accept(AuditEntry entry) {
        if (failure != null) {
            return false;
        }
        failure = problem(entry);
        if (failure != null) {
            return false;
        }
        if (first == null) {
            first = entry;
        }
        previous = entry;
        count++;
        if (entry.commune() != null) {
            communeHeadSeq.put(entry.commune(), entry.seq());
            communeHeadHash.put(entry.commune(), entry.hash());
        }
        return true;
    }

    /** Call after the last entry: an anchor beyond the end means the log was cut short. */
    Optional<String> finish() {
        if (failure == null && anchor != null && (previous == null || previous.seq() < anchor.seq())) {
            failure = "Entry #" + anchor.seq() + " of the anchor is not in the "
                    + (onlyCommune == null ? "log" : "export") + ": it ends at "
                    + (previous == null ? "nothing (no entries)" : "#" + previous.seq())
                    + ". Entries at its end were removed.";
        }
        return Optional.ofNullable(failure);
    }

    private String problem(AuditEntry entry) {
        if (onlyCommune != null && !onlyCommune.equals(entry.commune())) {
            return "Entry " + entry.describe() + " is not an entry of commune " + onlyCommune
                    + ": the export mixes communes.";
        }
        long expected = previous == null ? 1 : previous.seq() + 1;
        if (onlyCommune == null && entry.seq() != expected) {
            if (entry.seq() > expected) {
                return "Entry #" + expected + (entry.seq() > expected + 1 ? " to #" + (entry.seq() - 1) : "")
                        + " missing: the log goes from " + (previous == null ? "its start" : "#" + previous.seq())
                        + " to #" + entry.seq() + ". Entries were removed.";
            }
            return "Entry #" + entry.seq() + " comes after #" + previous.seq() + ": numbers repeat or go back.";
        }
        if (onlyCommune != null && previous != null && entry.seq() <= previous.seq()) {
            return "Entry #" + entry.seq() + " comes after #" + previous.seq() + ": numbers repeat or go back.";
        }
        if (entry.v() != AuditEntry.FORMAT_VERSION) {
            return "Entry " + entry.describe() + " has format version " + entry.v() + "; this verifier knows version "
                    + AuditEntry.FORMAT_VERSION + ".";
        }
        String recomputed = entry.computeHash();
        if (!recomputed.equals(entry.hash())) {
            return "Entry " + entry.describe() + " does not match its hash: stored " + entry.hash()
                    + ", computed from its content " + recomputed + ". The entry was changed after it was written"
                    + " (or forged).";
        }
        if (entry.seq() == expected) {
            String previousHash = previous == null ? AuditEntry.GENESIS_HASH : previous.hash();
            if (!previousHash.equals(entry.prevHash())) {
                return entry.seq() == 1
                        ? "Entry " + entry.describe() + " is the first of the log but its prevHash is "
                          + entry.prevHash() + ", not " + AuditEntry.GENESIS_HASH + "."
                        : "Entry " + entry.describe() + " does not follow entry #" + previous.seq() + ": its prevHash is "
                          + entry.prevHash() + " but the hash of #" + previous.seq() + " is " + previous.hash()
                          + ". Entry #" + previous.seq() + " was rewritten (its hash recomputed), or #" + entry.seq()
                          + " was forged.";
            }
        }
        String communeProblem = communeLinkProblem(entry);
        if (communeProblem != null) {
            return communeProblem;
        }
        if (anchor != null && anchor.seq() == entry.seq() && !anchor.hash().equals(entry.hash())) {
            return "Entry " + entry.describe() + " has hash " + entry.hash() + " but the anchor says " + anchor.hash()
                    + ". The log was rewritten up to this entry, hashes included.";
        }
        return null;
    }

    private String communeLinkProblem(AuditEntry entry) {
        if (entry.commune() == null) {
            return entry.communePrevHash() == null ? null
                    : "Entry " + entry.describe() + " is syndicate-wide but has a communePrevHash.";
        }
        String expected = communeHeadHash.getOrDefault(entry.commune(), AuditEntry.GENESIS_HASH);
        if (expected.equals(entry.communePrevHash())) {
            return null;
        }
        Long headSeq = communeHeadSeq.get(entry.commune());
        if (headSeq == null) {
            return "Entry " + entry.describe() + " is the first of commune " + entry.commune() + " here, but its "
                    + "communePrevHash is " + entry.communePrevHash() + ", not " + AuditEntry.GENESIS_HASH
                    + ". Earlier entries of the commune were removed" + (onlyCommune != null
                    ? " (or the export does not start at the commune's first entry)." : ".");
        }
        return "Entry " + entry.describe() + " does not follow entry #" + headSeq + ", the previous one of commune "
                + entry.commune() + ": its communePrevHash is " + entry.communePrevHash() + " but the hash of #"
                + headSeq + " is " + expected + ". An entry of the commune was removed or rewritten.";
    }

    long count() {
        return count;
    }

    /** The first entry accepted, or null. */
    AuditEntry first() {
        return first;
    }

    /** The last entry accepted, or null. */
    AuditEntry last() {
        return previous;
    }

    int communes() {
        return communeHeadHash.size();
    }
}
