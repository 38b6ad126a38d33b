package fr.mutualis.fleet.database;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deletion of old history in batches, each its own short transaction, so that a retention purge
 * of millions of rows never holds locks or a snapshot for long while messages are being stored.
 */
public final class BatchedDelete {

    static final int BATCH_SIZE = 5_000;

    private BatchedDelete() {
    }

    /**
     * Runs a {@code DELETE} that takes the parameters {@code :cutoff} and {@code :batch} (its
     * maximum number of rows) until it deletes less than a batch. Must not run inside a transaction.
     *
     * @return rows deleted
     */
    public static long untilDone(JdbcClient jdbc, String sql, Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = jdbc.sql(sql).param("cutoff", Timestamp.from(cutoff)).param("batch", BATCH_SIZE).update();
            total += deleted;
        } while (deleted == BATCH_SIZE);
        return total;
    }
}
