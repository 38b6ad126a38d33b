package fr.mutualis.hardware.watchdog.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardwareWatchdogTest {

    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();

    private Path standIn() throws IOException {
        return Files.createFile(dir.resolve("watchdog"));
    }

    @Test
    void kicksWhileHeartbeatsArriveAndStopsWhenTheAgentHangs() throws Exception {
        Path device = standIn();
        TestSupport.ManualClock clock = new TestSupport.ManualClock(Instant.parse("2027-03-28T00:00:00Z"));
        HardwareWatchdog watchdog = new HardwareWatchdog(TestSupport.config(device.toString(), 5_000, 30_000, true),
                TestSupport.recordingLogger(log), clock, false);

        // Start-up grace: the agent has one timeout for its first heartbeat.
        watchdog.tick();
        assertThat(Files.readString(device)).isEqualTo("k");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(5));
            watchdog.beat();
            watchdog.tick();
        }
        assertThat(Files.readString(device)).hasSize(11);

        // The agent hangs: no more beats. Kicks go on until the last beat is 30 s old, then stop.
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(5));
            watchdog.tick();
        }
        assertThat(Files.readString(device)).hasSize(17);
        assertThat(watchdog.kicking()).isTrue();
        clock.advance(Duration.ofMillis(1));
        for (int i = 0; i < 20; i++) {
            watchdog.tick();
            clock.advance(Duration.ofSeconds(5));
        }
        assertThat(Files.readString(device)).as("no kick from a hung agent").hasSize(17);
        assertThat(watchdog.kicking()).isFalse();
        assertThat(log).filteredOn(line -> line.startsWith("ERROR")).hasSize(1);

        // If it recovers before the board resets (e.g. a long GC), kicking resumes.
        watchdog.beat();
        watchdog.tick();
        assertThat(Files.readString(device)).hasSize(18);
        assertThat(log).anyMatch(line -> line.startsWith("WARN Heartbeat back"));
    }

    @Test
    void aPlannedStopDisarmsWithTheMagicCharacter() throws Exception {
        Path device = standIn();
        HardwareWatchdog watchdog = new HardwareWatchdog(TestSupport.config(device.toString(), 5_000, 30_000, true),
                TestSupport.recordingLogger(log), Clock.systemUTC(), false);
        watchdog.tick();
        watchdog.deactivate();
        assertThat(Files.readString(device)).isEqualTo("kV");
    }

    @Test
    void canBeConfiguredToStayArmedOnStop() throws Exception {
        Path device = standIn();
        HardwareWatchdog watchdog = new HardwareWatchdog(TestSupport.config(device.toString(), 5_000, 30_000, false),
                TestSupport.recordingLogger(log), Clock.systemUTC(), false);
        watchdog.tick();
        watchdog.deactivate();
        assertThat(Files.readString(device)).isEqualTo("k");
    }

    @Test
    void neverCreatesAMissingDevice() {
        Path missing = dir.resolve("no-such-watchdog");
        assertThatThrownBy(() -> new HardwareWatchdog(TestSupport.config(missing.toString(), 5_000, 30_000, true),
                TestSupport.recordingLogger(log), Clock.systemUTC(), false)).isInstanceOf(NoSuchFileException.class);
        assertThat(missing).doesNotExist();
    }

    /**
     * Acceptance 3 of issue 9 with the component's own scheduler and a FIFO standing in for the
     * device: a reader counts kicks as the kernel driver would receive them.
     */
    @Test
    void aHungAgentStopsKickingAFifoStandIn() throws Exception {
        Path fifo = dir.resolve("watchdog.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo").isTrue();

        AtomicLong kicks = new AtomicLong();
        StringBuffer received = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                int b;
                while ((b = in.read()) != -1) {
                    received.append((char) b);
                    if (b == 'k') {
                        kicks.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                received.append("!").append(e);
            }
        }, "fake-watchdog-driver");
        reader.start();

        // Opening a FIFO for writing waits for the reader, like the real device is simply there.
        // A heartbeat timeout 50 times the agent's beat period: a busy shared CPU cannot fake a hang.
        HardwareWatchdog watchdog = new HardwareWatchdog(TestSupport.config(fifo.toString(), 20, 1_000, true),
                TestSupport.recordingLogger(log));
        AtomicBoolean agentAlive = new AtomicBoolean(true);
        Thread agent = new Thread(() -> {
            while (agentAlive.get()) {
                watchdog.beat();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fake-agent");
        agent.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> kicks.get() >= 10);
            // Waited for, not asserted at once: a pause of the fake agent over 1 s stops kicking until its next beat.
            await().atMost(Duration.ofSeconds(5)).until(watchdog::kicking);

            agentAlive.set(false); // the agent hangs
            agent.join();
            await().atMost(Duration.ofSeconds(20)).until(() -> !watchdog.kicking());
            // Let the reader drain kicks written before the heartbeat went stale.
            long kicksWhenStopped = settled(kicks);
            // Many kick intervals later, still no kick: the board would now be reset by the driver.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> kicks.get() == kicksWhenStopped);
            assertThat(kicks.get()).isEqualTo(kicksWhenStopped);
        } finally {
            agentAlive.set(false);
            watchdog.deactivate();
            reader.join(10_000);
        }
        assertThat(received.toString()).endsWith("V").doesNotContain("!");
    }

    /** The counter's value once it has not moved for 100 ms. */
    private static long settled(AtomicLong counter) {
        AtomicLong previous = new AtomicLong(-1);
        await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(10))
                .until(() -> previous.getAndSet(counter.get()) == counter.get());
        return counter.get();
    }
}
