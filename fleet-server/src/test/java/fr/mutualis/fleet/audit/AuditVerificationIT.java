package fr.mutualis.fleet.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.mutualis.fleet.testsupport.TestFleet;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log against real PostgreSQL, tampered with the way someone with the database's
 * superuser password could, and checked by the real {@code audit-verify} command (the built jar,
 * run as a separate process) against the running fleet server's embedded database.
 */
// Its own broker and database, never shared with another test class: closed when the class ends
// rather than cached until the JVM exits.
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditVerificationIT {

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        TestFleet.withEmbeddedBroker(registry, "audit-verification");
    }

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    EmbeddedPostgres postgres;

    @Value("${mutualis.database.embedded.data-dir}")
    String dataDir;

    /** Each test starts from an empty log (emptied as a superuser would: trigger off, delete, trigger on). */
    @BeforeEach
    void emptyLog() {
        asSuperuser("DELETE FROM audit_entry");
    }

    /** Runs SQL on audit_entry with the append-only trigger disabled, in one transaction. */
    private void asSuperuser(String sql, Object... params) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            jdbc.sql("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only").update();
            jdbc.sql(sql).params(params).update();
            jdbc.sql("ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only").update();
        });
    }

    /** n entries spread over two communes and syndicate-wide actions, with before and after states. */
    private List<AuditEntry> record(int n) {
        String[] communes = {"35238", "29019", null};
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("step", i);
            after.put("freq", 868.1 + i / 10.0);
            after.put("label", "réglage n°" + i);
            entries.add(audit.record(new Actor("operator-" + (i % 3)), "test.change", "gateway", "gw-" + i,
                    communes[i % 3], i % 2 == 0 ? null : Map.of("step", i - 1), after));
        }
        return entries;
    }

    private VerifyCommand.Result verify(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("--mutualis.database.embedded.data-dir=" + dataDir));
        all.addAll(List.of(args));
        return VerifyCommand.run(all.toArray(String[]::new));
    }

    private AuditEntry stored(long seq) {
        return jdbc.sql("SELECT " + AuditEntryRows.COLUMNS + " FROM audit_entry WHERE seq = :seq").param("seq", seq)
                .query((rs, row) -> AuditEntryRows.map(rs)).single();
    }

    @Test
    void anIntactLogVerifiesAndTheCommandStartsNothingElse() throws Exception {
        List<AuditEntry> entries = record(30);
        AuditEntry head = entries.get(29);

        VerifyCommand.Result result = verify();

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("Audit log intact in the running fleet server's embedded database (127.0.0.1:" + postgres.getPort())
                .contains(": 30 entries, #1 (")
                .contains("2 commune(s)")
                .contains("Head: #30 " + head.hash())
                .doesNotContain("Tomcat").doesNotContain("MQTT");
        assertThat(stored(30)).isEqualTo(head);
    }

    @Test
    void aFieldChangedInSqlIsNamedAndTheCommandExitsNonZero() throws Exception {
        record(12);
        AuditEntry original = stored(7);
        asSuperuser("UPDATE audit_entry SET after = jsonb_set(after, '{freq}', '869.525') WHERE seq = 7");

        VerifyCommand.Result result = verify();

        assertThat(result.status()).as(result.output()).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(result.output())
                .contains("Audit log BROKEN in the running fleet server's embedded database")
                .contains("Entry #7 (test.change on gateway gw-7 of 29019 by operator-1 at "
                        + AuditEntry.formatAt(original.at()) + ") does not match its hash: stored " + original.hash())
                .contains("The entry was changed after it was written")
                .contains("6 entries before it are intact (#1 to #6).");
    }

    @Test
    void anEntryRewrittenWithARecomputedHashIsCaughtAtTheNextLink() throws Exception {
        record(12);
        AuditEntry original = stored(5);
        AuditEntry rewritten = new AuditEntry(1, 5, original.at(), "someone-else", original.action(),
                original.targetType(), original.targetId(), original.commune(), original.before(), original.after(),
                original.prevHash(), original.communePrevHash(), "");
        String newHash = rewritten.computeHash();
        asSuperuser("UPDATE audit_entry SET actor = 'someone-else', hash = ? WHERE seq = 5", newHash);

        VerifyCommand.Result result = verify();

        assertThat(result.status()).as(result.output()).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(result.output()).contains("Entry #6 (").contains("does not follow entry #5: its prevHash is "
                + original.hash() + " but the hash of #5 is " + newHash + ". Entry #5 was rewritten");
    }

    @Test
    void aDeletedEntryIsNamed() throws Exception {
        record(12);
        asSuperuser("DELETE FROM audit_entry WHERE seq = 4");

        VerifyCommand.Result result = verify();

        assertThat(result.status()).as(result.output()).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(result.output()).contains("Entry #4 missing: the log goes from #3 to #5. Entries were removed.");
    }

    @Test
    void anEntryAppendedWithAForgedHashIsCaught() throws Exception {
        List<AuditEntry> entries = record(9);
        AuditEntry head = entries.get(8);
        // The chain trigger accepts it (right number, right links); only the hash gives it away.
        jdbc.sql("""
                INSERT INTO audit_entry (seq, v, recorded_at, actor, action, target_type, target_id, commune, before,
                                         after, prev_hash, commune_prev_hash, hash)
                VALUES (10, 1, now(), 'anonymous', 'downlink.queue', 'gateway', 'gw-fake', NULL, NULL,
                        '{"txpk":{"imme":true}}', ?, NULL, ?)
                """).params(head.hash(), "ab".repeat(32)).update();

        VerifyCommand.Result result = verify();

        assertThat(result.status()).as(result.output()).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(result.output()).contains("Entry #10 (downlink.queue on gateway gw-fake, syndicate-wide, by anonymous")
                .contains("does not match its hash: stored " + "ab".repeat(32));
    }

    @Test
    void aCutTailPassesAloneButNotAgainstAnAnchorTakenBefore() throws Exception {
        List<AuditEntry> entries = record(10);
        String anchor = "--anchor=10:" + entries.get(9).hash();
        assertThat(verify(anchor).status()).isZero();
        asSuperuser("DELETE FROM audit_entry WHERE seq > 8");

        assertThat(verify().status()).as("a chain cut at its end is still a chain").isZero();
        VerifyCommand.Result anchored = verify(anchor);
        assertThat(anchored.status()).as(anchored.output()).isEqualTo(AuditVerifyCommand.BROKEN);
        assertThat(anchored.output()).contains("Entry #10 of the anchor is not in the log: it ends at #8.");
    }

    @Test
    void theDatabaseRefusesChangesAndEntriesOutsideTheChain() {
        List<AuditEntry> entries = record(3);
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_entry SET actor = 'x' WHERE seq = 2").update())
                .hasMessageContaining("the audit log is append-only: UPDATE on audit_entry refused");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_entry WHERE seq = 3").update())
                .hasMessageContaining("append-only: DELETE");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_entry").update())
                .hasMessageContaining("append-only: TRUNCATE");
        String insert = """
                INSERT INTO audit_entry (seq, v, recorded_at, actor, action, target_type, target_id, commune, before,
                                         after, prev_hash, commune_prev_hash, hash)
                VALUES (?, 1, now(), 'anonymous', 'test.change', 'gateway', 'gw-x', ?, NULL, NULL, ?, ?, ?)
                """;
        String head = entries.get(2).hash();
        assertThatThrownBy(() -> jdbc.sql(insert).params(5, null, head, null, head).update())
                .hasMessageContaining("audit entry #5 refused: the next entry of the log is #4");
        assertThatThrownBy(() -> jdbc.sql(insert).params(4, null, entries.get(1).hash(), null, head).update())
                .hasMessageContaining("audit entry #4 refused: its prev_hash is not the hash of entry #3");
        assertThatThrownBy(() -> jdbc.sql(insert).params(4, "35238", head, AuditEntry.GENESIS_HASH, head).update())
                .hasMessageContaining("its commune_prev_hash is not the hash of the latest entry of commune 35238");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void jsonValuesComeBackFromJsonbAsTheTextThatWasHashed() throws Exception {
        String tricky = """
                {"z": [1.50, 1e2, -0.0, 12345678901234567890123, 0.1000000000000000055511151231257827],
                 "é\\u00e9": "tab\\there \\"quoted\\" \\\\ \\u0007 \\ud83d\\ude00 </script>",
                 "nested": {"b": null, "a": [true, false, {}], "": ""}}""";
        AuditEntry recorded = audit.record(Actor.ANONYMOUS, "test.tricky", "thing", "t-1", "2A004",
                CanonicalJson.parse(tricky), Map.of("freq", 869.525, "tiny", 1.0E-7, "max", Long.MAX_VALUE));

        assertThat(stored(1)).isEqualTo(recorded);
        assertThat(recorded.before()).startsWith("{\"nested\":{\"\":\"\",\"a\":[true,false,{}],\"b\":null},"
                + "\"z\":[1.5,100,0,12345678901234567890123,0.1000000000000000055511151231257827],\"éé\":");
        assertThat(recorded.after()).isEqualTo("{\"freq\":869.525,\"max\":9223372036854775807,\"tiny\":0.0000001}");
        VerifyCommand.Result result = verify();
        assertThat(result.status()).as(result.output()).isZero();
    }

    @Test
    void theCommandReadsSpringDatasourceSettingsWhenTheDatabaseIsExternal() throws Exception {
        record(4);
        VerifyCommand.Result result = VerifyCommand.run("--mutualis.database.embedded.enabled=false",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
                "--spring.datasource.username=postgres");

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("Audit log intact in jdbc:postgresql://127.0.0.1:" + postgres.getPort()
                + "/postgres: 4 entries");
    }

    @Test
    void aStoppedEmbeddedDatabaseIsStartedForTheCheckAndAMissingOneIsReported() throws Exception {
        Path stoppedDir = Files.createTempDirectory("audit-stopped-db");
        try (EmbeddedPostgres stopped = EmbeddedPostgres.builder().setDataDirectory(stoppedDir)
                .setCleanDataDirectory(false).start()) {
            DataSource dataSource = stopped.getPostgresDatabase();
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            AuditLog otherLog = new AuditLog(JdbcClient.create(dataSource), JsonMapper.builder().build());
            TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
            for (int i = 0; i < 5; i++) {
                int step = i;
                transactions.executeWithoutResult(status -> otherLog.record(Actor.ANONYMOUS, "test.change", "gateway",
                        "gw-stopped", "29232", null, Map.of("step", step, "at", Instant.EPOCH.toString())));
            }
        }
        assertThat(stoppedDir.resolve("postmaster.pid")).doesNotExist();

        VerifyCommand.Result result = VerifyCommand.run("--mutualis.database.embedded.data-dir=" + stoppedDir);
        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output()).contains("Audit log intact in the embedded database in " + stoppedDir
                + " (started for this check): 5 entries");
        assertThat(stoppedDir.resolve("postmaster.pid")).as("stopped again").doesNotExist();

        Path empty = Files.createTempDirectory("audit-no-db");
        VerifyCommand.Result missing = VerifyCommand.run("--mutualis.database.embedded.data-dir=" + empty);
        assertThat(missing.status()).as(missing.output()).isEqualTo(AuditVerifyCommand.CANNOT_VERIFY);
        assertThat(missing.output()).contains("Cannot verify the audit log: there is no database in " + empty);
    }
}
