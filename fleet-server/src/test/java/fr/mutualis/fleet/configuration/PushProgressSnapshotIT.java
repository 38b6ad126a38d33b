package fr.mutualis.fleet.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.fleet.security.CommuneScope;
import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A push's progress is read while reports keep arriving: every read is one snapshot, so the
 * failure list always has as many entries as the failed count, and the counts add up. Reports
 * are written straight to the table here, as fast as PostgreSQL takes them, so that nearly every
 * read has one landing between its statements.
 */
@SpringBootTest
class PushProgressSnapshotIT {

    private static final String COMMUNE = "29021";
    private static final int GATEWAYS = 40;
    private static final long VERSION = 10;
    private static final int READS = 1500;

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        TestFleet.withEmbeddedBroker(registry, "push-snapshot");
    }

    @Autowired
    PushProgress pushes;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theFailureListAlwaysMatchesTheFailedCountWhileReportsArrive() throws Exception {
        UUID push = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.sql("""
                INSERT INTO config_push (id, kind, scope, revision, commune, actor, created_at)
                VALUES (:id, 'COMMUNE', :commune, 1, :commune, 'test', :now)
                """).param("id", push).param("commune", COMMUNE).param("now", now).update();
        for (int i = 0; i < GATEWAYS; i++) {
            String id = "gw-snap-%02d".formatted(i);
            jdbc.sql("""
                    INSERT INTO gateway (id, commune, status, status_reason, status_changed_at, first_seen_at, last_seen_at)
                    VALUES (:id, :commune, 'ONLINE', 'birth', :now, :now, :now)
                    """).param("id", id).param("commune", COMMUNE).param("now", now).update();
            jdbc.sql("INSERT INTO gateway_config (gateway_id, desired_version) VALUES (:id, :version)")
                    .param("id", id).param("version", VERSION).update();
            pushes.addGateway(push, id, VERSION);
        }
        PushProgress.Header header = pushes.header(push).orElseThrow();

        // Gateways refuse the version, then apply it on a retry, one row at a time, over and over.
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong reports = new AtomicLong();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int round = 0; writing.get(); round++) {
                boolean refuse = round % 2 == 0;
                for (int i = 0; i < GATEWAYS && writing.get(); i++) {
                    jdbc.sql("""
                            UPDATE gateway_config SET attempted_version = :version, applied_version = :applied,
                                   outcome = :outcome, error = :error WHERE gateway_id = :id
                            """).param("version", VERSION).param("applied", refuse ? 0 : VERSION)
                            .param("outcome", refuse ? "REFUSED" : "APPLIED").param("error", refuse ? "simulated" : null)
                            .param("id", "gw-snap-%02d".formatted(i)).update();
                    reports.incrementAndGet();
                }
            }
        });
        try {
            for (int read = 0; read < READS; read++) {
                PushProgress.View view = pushes.progress(header, CommuneScope.everything());
                assertThat(view.gateways()).isEqualTo(GATEWAYS);
                assertThat(view.applied() + view.failed() + view.pending()).isEqualTo(GATEWAYS);
                assertThat(view.failures()).as("read %d: failures listed against the failed count", read)
                        .hasSize((int) view.failed());
            }
        } finally {
            writing.set(false);
            writer.get(30, TimeUnit.SECONDS);
        }
        // The reads above raced real changes, not a table at rest.
        assertThat(reports.get()).isGreaterThan(GATEWAYS * 2L);
    }
}
