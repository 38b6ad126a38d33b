package fr.mutualis.gateway.ota;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes a response body that has delivered nothing for a while, which ends the blocked read: the
 * attempt fails and the next one resumes with a range.
 */
final class StallWatch implements AutoCloseable {

    private final InputStream body;
    private final long stallNanos;
    private final AtomicLong lastData = new AtomicLong(System.nanoTime());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mutualis-ota-stall-watch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean fired;

    StallWatch(InputStream body, Duration stall) {
        this.body = body;
        this.stallNanos = stall.toNanos();
        long period = Math.max(100, stall.toMillis() / 4);
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** The body, noting each time data arrives. */
    InputStream input() {
        return new FilterInputStream(body) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                lastData.set(System.nanoTime());
                return read;
            }
        };
    }

    boolean fired() {
        return fired;
    }

    private void check() {
        if (System.nanoTime() - lastData.get() > stallNanos) {
            fired = true;
            try {
                body.close();
            } catch (IOException ignored) {
                // closing is all we wanted; the reader sees the end
            }
            timer.shutdown();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
