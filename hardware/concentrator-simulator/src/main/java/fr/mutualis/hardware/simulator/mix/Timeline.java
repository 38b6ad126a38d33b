package fr.mutualis.hardware.simulator.mix;

import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Gives each entry its radio reception: virtual receive time and concentrator timestamp, EU868
 * channel, data rate, RSSI and SNR. Time advances by random (exponential) gaps between
 * transmissions; duplicates and malformed entries borrow a neighbour's time.
 */
final class Timeline {

    private static final long MASK = 0xFFFF_FFFFL;
    /** Spreading factors 7..12 with roughly the shares a mixed urban deployment sees. */
    private static final int[] SF_WEIGHTS = {45, 15, 12, 12, 8, 8};
    /** Demodulation floor per spreading factor 7..12, in dB. */
    private static final double[] SNR_FLOOR = {-7.5, -10, -12.5, -15, -17.5, -20};

    private final Instant start;
    private final double meanSpacingMicros;
    private final boolean variety;
    private final Random random;
    private final long tmstAtStart;
    private long elapsedMicros;

    Timeline(Instant start, Duration meanSpacing, boolean variety, Random random) {
        this.start = start;
        this.meanSpacingMicros = meanSpacing.toNanos() / 1_000.0;
        this.variety = variety;
        this.random = random;
        this.tmstAtStart = random.nextInt() & MASK;
    }

    /** The next transmission: time moves on. */
    void stamp(Entry entry) {
        elapsedMicros += Math.max(1_000, Math.round(-Math.log(1 - random.nextDouble()) * meanSpacingMicros));
        at(entry, elapsedMicros);
        chooseModulation(entry);
        entry.rssi = -40 - (int) Math.floor(78 * Math.pow(random.nextDouble(), 0.7));
        double floor = entry.modulation == Modulation.LORA ? SNR_FLOOR[entry.spreadingFactor - 7] : -10;
        entry.snr = Math.round((floor + 0.5 + random.nextDouble() * (12 - floor)) * 10) / 10.0;
    }

    /** The same transmission demodulated again on another IF channel, a few microseconds apart, weaker. */
    void stampDuplicate(Entry copy, Entry original) {
        copy.time = original.time;
        copy.tmst = (original.tmst + random.nextInt(3)) & MASK;
        if (original.modulation == Modulation.LORA) {
            copy.chan = (original.chan + 1 + random.nextInt(7)) % 8;
        }
        copy.rssi = Math.max(-125, original.rssi - 5 - random.nextInt(16));
        copy.snr = Math.round((original.snr - 1 - random.nextDouble() * 4) * 10) / 10.0;
    }

    /** An entry slipped in next to {@code neighbour} (a broken rxpk entry): received just after it. */
    void stampNear(Entry entry, Entry neighbour) {
        long offset = Duration.between(start, neighbour.time).toNanos() / 1_000 + 1_000 + random.nextInt(2_000);
        at(entry, offset);
        entry.chan = random.nextInt(8);
        entry.spreadingFactor = 7 + random.nextInt(6);
        entry.rssi = -40 - random.nextInt(78);
        entry.snr = Math.round((random.nextDouble() * 20 - 8) * 10) / 10.0;
    }

    private void at(Entry entry, long offsetMicros) {
        entry.time = start.plusNanos(offsetMicros * 1_000);
        entry.tmst = (tmstAtStart + offsetMicros) & MASK;
    }

    private void chooseModulation(Entry entry) {
        double draw = random.nextDouble();
        if (variety && draw < 0.03 && entry.phyPayload.length <= 50) {
            entry.modulation = Modulation.LR_FHSS; // EU868 DR8/DR9
            entry.chan = 8;
            return;
        }
        if (variety && draw < 0.05) {
            entry.modulation = Modulation.FSK; // EU868 DR7, 50 kbit/s on 868.8 MHz
            entry.chan = 9;
            return;
        }
        entry.modulation = Modulation.LORA;
        entry.chan = random.nextInt(8);
        // Long payloads only fit the fast data rates (EU868 allows 115 bytes at SF9, 222 at SF7/SF8).
        entry.spreadingFactor = entry.phyPayload.length > 60 ? 7 + random.nextInt(2) : weightedSpreadingFactor();
    }

    private int weightedSpreadingFactor() {
        int draw = random.nextInt(100);
        for (int i = 0; i < SF_WEIGHTS.length; i++) {
            draw -= SF_WEIGHTS[i];
            if (draw < 0) {
                return 7 + i;
            }
        }
        return 12;
    }
}
