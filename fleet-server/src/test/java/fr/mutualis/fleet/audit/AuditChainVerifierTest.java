package fr.mutualis.fleet.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each kind of damage, on chains built in memory, and the message that names it. */
class AuditChainVerifierTest {

    /** 8 entries: communes 35238, 29019, syndicate-wide, 35238, 29019, 35238, syndicate-wide, 35238. */
    private final List<AuditEntry> log = chain("35238", "29019", null, "35238", "29019", "35238", null, "35238");

    static List<AuditEntry> chain(String... communes) {
        List<AuditEntry> entries = new ArrayList<>();
        Map<String, String> communeHeads = new HashMap<>();
        String previous = AuditEntry.GENESIS_HASH;
        for (int i = 0; i < communes.length; i++) {
            String commune = communes[i];
            AuditEntry entry = AuditEntry.chained(i + 1, Instant.parse("2026-11-22T10:00:00Z").plusSeconds(i),
                    "anonymous", "test.step", "thing", "t" + (i + 1), commune, "null", "{\"n\":" + (i + 1) + "}",
                    previous, commune == null ? null : communeHeads.getOrDefault(commune, AuditEntry.GENESIS_HASH));
            entries.add(entry);
            previous = entry.hash();
            if (commune != null) {
                communeHeads.put(commune, entry.hash());
            }
        }
        return entries;
    }

    private static Optional<String> verify(AuditChainVerifier verifier, List<AuditEntry> entries) {
        for (AuditEntry entry : entries) {
            if (!verifier.accept(entry)) {
                break;
            }
        }
        return verifier.finish();
    }

    private static AuditEntry withTarget(AuditEntry entry, String targetId) {
        return new AuditEntry(entry.v(), entry.seq(), entry.at(), entry.actor(), entry.action(), entry.targetType(),
                targetId, entry.commune(), entry.before(), entry.after(), entry.prevHash(), entry.communePrevHash(),
                entry.hash());
    }

    private List<AuditEntry> ofCommune(List<AuditEntry> entries, String commune) {
        return entries.stream().filter(e -> commune.equals(e.commune())).toList();
    }

    @Test
    void anIntactLogAndEachIntactCommuneExportPass() {
        AuditChainVerifier whole = AuditChainVerifier.wholeLog(null);
        assertThat(verify(whole, log)).isEmpty();
        assertThat(whole.count()).isEqualTo(8);
        assertThat(whole.communes()).isEqualTo(2);
        assertThat(verify(AuditChainVerifier.commune("35238", null), ofCommune(log, "35238"))).isEmpty();
        assertThat(verify(AuditChainVerifier.commune("29019", null), ofCommune(log, "29019"))).isEmpty();
        assertThat(verify(AuditChainVerifier.wholeLog(null), List.of())).isEmpty();
    }

    @Test
    void aFieldChangedInPlaceIsNamedAsAHashMismatch() {
        List<AuditEntry> tampered = new ArrayList<>(log);
        tampered.set(3, withTarget(log.get(3), "t-other"));
        AuditChainVerifier verifier = AuditChainVerifier.wholeLog(null);
        assertThat(verify(verifier, tampered)).hasValueSatisfying(message -> assertThat(message)
                .startsWith("Entry #4 (test.step on thing t-other of 35238 by anonymous at 2026-11-22T10:00:03.000000Z)"
                        + " does not match its hash: stored " + log.get(3).hash())
                .contains("changed after it was written"));
        assertThat(verifier.count()).isEqualTo(3);
    }

    @Test
    void anEntryRewrittenWithARecomputedHashBreaksTheNextLink() {
        List<AuditEntry> tampered = new ArrayList<>(log);
        AuditEntry rewritten = withTarget(log.get(3), "t-other");
        tampered.set(3, rewritten.withHash(rewritten.computeHash()));
        assertThat(verify(AuditChainVerifier.wholeLog(null), tampered)).hasValueSatisfying(message -> assertThat(message)
                .startsWith("Entry #5 ").contains("does not follow entry #4: its prevHash is " + log.get(3).hash())
                .contains("Entry #4 was rewritten"));
        // Entry #6 of 35238 names #4 as its commune predecessor too: a commune export sees it there.
        List<AuditEntry> export = new ArrayList<>(ofCommune(tampered, "35238"));
        assertThat(verify(AuditChainVerifier.commune("35238", null), export)).hasValueSatisfying(message ->
                assertThat(message).startsWith("Entry #6 ").contains("does not follow entry #4, the previous one of commune 35238"));
    }

    @Test
    void removedEntriesAreMissingNumbersInTheLogAndBrokenLinksInAnExport() {
        List<AuditEntry> tampered = new ArrayList<>(log);
        tampered.remove(3);
        tampered.remove(3);
        assertThat(verify(AuditChainVerifier.wholeLog(null), tampered)).hasValue(
                "Entry #4 to #5 missing: the log goes from #3 to #6. Entries were removed.");
        assertThat(verify(AuditChainVerifier.wholeLog(null), log.subList(1, 8))).hasValue(
                "Entry #1 missing: the log goes from its start to #2. Entries were removed.");

        List<AuditEntry> export = new ArrayList<>(ofCommune(log, "35238"));
        export.remove(1); // #4
        assertThat(verify(AuditChainVerifier.commune("35238", null), export)).hasValueSatisfying(message ->
                assertThat(message).startsWith("Entry #6 ").contains("does not follow entry #1, the previous one of commune 35238"));
        assertThat(verify(AuditChainVerifier.commune("35238", null), ofCommune(log, "35238").subList(1, 4)))
                .hasValueSatisfying(message -> assertThat(message).startsWith("Entry #4 ")
                        .contains("is the first of commune 35238 here"));
    }

    @Test
    void entriesOutOfOrderOrOfAnotherCommuneAreRefused() {
        List<AuditEntry> swapped = new ArrayList<>(log);
        swapped.set(2, log.get(3));
        swapped.set(3, log.get(2));
        assertThat(verify(AuditChainVerifier.wholeLog(null), swapped)).hasValueSatisfying(message ->
                assertThat(message).isEqualTo("Entry #3 missing: the log goes from #2 to #4. Entries were removed."));
        assertThat(verify(AuditChainVerifier.commune("35238", null), List.of(log.get(0), log.get(1))))
                .hasValueSatisfying(message -> assertThat(message).contains("is not an entry of commune 35238"));
        assertThat(verify(AuditChainVerifier.commune("35238", null), List.of(log.get(0), log.get(3), log.get(3))))
                .hasValue("Entry #4 comes after #4: numbers repeat or go back.");
    }

    @Test
    void anEntryForgedAtTheEndWithACorrectLinkButAnInventedHashIsCaught() {
        AuditEntry head = log.get(7);
        AuditEntry forged = new AuditEntry(1, 9, Instant.parse("2026-11-22T11:00:00Z"), "anonymous", "downlink.queue",
                "gateway", "gw-x", null, "null", "null", head.hash(), null, "ab".repeat(32));
        List<AuditEntry> tampered = new ArrayList<>(log);
        tampered.add(forged);
        assertThat(verify(AuditChainVerifier.wholeLog(null), tampered)).hasValueSatisfying(message ->
                assertThat(message).startsWith("Entry #9 ").contains("does not match its hash"));
    }

    @Test
    void anAnchorCatchesACutOrRewrittenTail() {
        AuditEntry head = log.get(7);
        AuditChainVerifier.Anchor anchor = AuditChainVerifier.Anchor.parse("8:" + head.hash());
        assertThat(verify(AuditChainVerifier.wholeLog(anchor), log)).isEmpty();
        assertThat(verify(AuditChainVerifier.wholeLog(anchor), log.subList(0, 6))).hasValue(
                "Entry #8 of the anchor is not in the log: it ends at #6. Entries at its end were removed.");
        // the whole chain recomputed from #5 on: internally consistent, but not what the anchor saw
        List<AuditEntry> rewritten = new ArrayList<>(log.subList(0, 4));
        rewritten.addAll(chainFrom(log.get(3), 5, 8));
        assertThat(verify(AuditChainVerifier.wholeLog(null), rewritten)).isEmpty();
        assertThat(verify(AuditChainVerifier.wholeLog(anchor), rewritten)).hasValueSatisfying(message ->
                assertThat(message).startsWith("Entry #8 ").contains("but the anchor says " + head.hash()));
        assertThatThrownBy(() -> AuditChainVerifier.Anchor.parse("8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AuditChainVerifier.Anchor.parse("8:ABC")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Entries from..to, syndicate-wide, chained after {@code previous}. */
    private static List<AuditEntry> chainFrom(AuditEntry previous, int from, int to) {
        List<AuditEntry> entries = new ArrayList<>();
        String hash = previous.hash();
        for (int seq = from; seq <= to; seq++) {
            AuditEntry entry = AuditEntry.chained(seq, Instant.parse("2026-11-22T12:00:00Z"), "intruder", "test.step",
                    "thing", "forged" + seq, null, "null", "null", hash, null);
            entries.add(entry);
            hash = entry.hash();
        }
        return entries;
    }

    @Test
    void exportLinesThatAreNotEntriesAreRefusedWithTheReason() {
        String line = log.get(0).exportLine();
        assertThatThrownBy(() -> AuditExportLine.parse(line.replace("}", ",\"extra\":1}")))
                .hasMessageContaining("not part of an audit entry: [extra]");
        assertThatThrownBy(() -> AuditExportLine.parse(line.replace("\"seq\":1", "\"seq\":\"1\"")))
                .hasMessageContaining("'seq' must be an integer");
        assertThatThrownBy(() -> AuditExportLine.parse(line.replace("\"actor\":\"anonymous\",", "")))
                .hasMessageContaining("'actor' is missing");
        assertThatThrownBy(() -> AuditExportLine.parse(line.substring(0, 40))).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> AuditExportLine.parse("[]")).hasMessageContaining("not a JSON object");
    }
}
