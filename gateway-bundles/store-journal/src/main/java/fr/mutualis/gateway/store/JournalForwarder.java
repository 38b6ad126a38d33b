package fr.mutualis.gateway.store;

import fr.mutualis.contract.Reading;
import fr.mutualis.gateway.api.UplinkTransport;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Drains the journal through the uplink: up to {@code maxInFlight} batches published at once
 * (MQTT QoS 1), each acknowledged to the journal only when its PUBACK came back, in order. A lost
 * connection or a refused batch rewinds to the last acknowledged reading, which is sent again
 * after an exponential backoff with full jitter. When the link comes back, the journal's drain mode
 * lets live readings overtake the backlog.
 */
final class JournalForwarder implements Runnable {

    /** How the forwarder paces itself. */
    record Settings(int batchSize, int maxInFlight, Duration publishTimeout, Duration lateAfter, Duration maxBackoff) {
    }

    private record InFlight(StoreAndForwardJournal.DeliveryBatch batch, CompletableFuture<Void> acknowledged,
                            long sentAtNanos) {
    }

    private final StoreAndForwardJournal journal;
    private final Supplier<UplinkTransport> uplink;
    private final Settings settings;
    private final Consumer<String> warn;
    private final StoreAndForwardJournal.Reader reader = new StoreAndForwardJournal.Reader();
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
    private volatile boolean running = true;
    private long backoffMillis;

    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    JournalForwarder(StoreAndForwardJournal journal, Supplier<UplinkTransport> uplink, Settings settings,
                     Consumer<String> warn) {
        this.journal = journal;
        this.uplink = uplink;
        this.settings = settings;
        this.warn = warn;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        boolean wasConnected = false;
        while (running) {
            try {
                UplinkTransport transport = uplink.get();
                if (transport == null || !transport.isConnected()) {
                    if (!inFlight.isEmpty()) {
                        abandonInFlight();
                    }
                    wasConnected = false;
                    Thread.sleep(100);
                    continue;
                }
                if (!wasConnected) {
                    Instant linkUp = transport.connectedSince();
                    journal.startDrainMode(linkUp != null ? linkUp : Instant.now());
                    reader.rewind();
                    wasConnected = true;
                }
                fillWindow(transport);
                if (inFlight.isEmpty()) {
                    journal.awaitCommit(200);
                    continue;
                }
                awaitOldest();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | RuntimeException e) {
                // A bug or a disk error must not kill the only thread that forwards readings.
                failures.incrementAndGet();
                warn.accept("forwarding failed, retrying: " + e);
                abandonInFlight();
                sleepBackoff();
            }
        }
    }

    private void fillWindow(UplinkTransport transport) throws IOException {
        while (inFlight.size() < settings.maxInFlight()) {
            StoreAndForwardJournal.DeliveryBatch batch = journal.nextBatch(reader, settings.batchSize(), settings.lateAfter());
            if (batch == null) {
                return;
            }
            inFlight.add(new InFlight(batch, transport.publishReadings(batch.readings()), System.nanoTime()));
        }
    }

    private void awaitOldest() throws InterruptedException {
        InFlight oldest = inFlight.peek();
        long waited = System.nanoTime() - oldest.sentAtNanos();
        long remaining = settings.publishTimeout().toNanos() - waited;
        try {
            oldest.acknowledged().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            failed("no PUBACK within " + settings.publishTimeout().toMillis() + " ms");
            return;
        } catch (ExecutionException e) {
            failed(String.valueOf(e.getCause().getMessage()));
            return;
        }
        inFlight.poll();
        journal.acknowledge(oldest.batch());
        int count = oldest.batch().readings().size();
        forwarded.addAndGet(count);
        batches.incrementAndGet();
        replayed.addAndGet(oldest.batch().readings().stream().filter(Reading::late).count());
        backoffMillis = 0;
    }

    private void failed(String reason) {
        failures.incrementAndGet();
        warn.accept("publishing readings failed, resending from the last acknowledged one: " + reason);
        abandonInFlight();
        sleepBackoff();
    }

    /** Forgets what is in flight; the reader starts again from the acknowledged state. */
    private void abandonInFlight() {
        inFlight.clear();
        reader.rewind();
    }

    private void sleepBackoff() {
        long ceiling = Math.min(settings.maxBackoff().toMillis(), Math.max(100, backoffMillis * 2));
        backoffMillis = ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
        try {
            Thread.sleep(backoffMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    long forwarded() {
        return forwarded.get();
    }

    long replayed() {
        return replayed.get();
    }

    long failures() {
        return failures.get();
    }

    long batches() {
        return batches.get();
    }
}
