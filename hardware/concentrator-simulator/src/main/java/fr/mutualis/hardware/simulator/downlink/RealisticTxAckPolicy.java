package fr.mutualis.hardware.simulator.downlink;

import fr.mutualis.hardware.simulator.gwmp.ConcentratorClock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Answers like a Semtech forwarder with an EU868 SX1302 board and no GPS fix, checking in the
 * forwarder's order: frequency within the TX chain's range ({@code TX_FREQ}), power in the gain
 * table ({@code TX_POWER}), GPS-timed request without GPS ({@code GPS_UNLOCKED}), timestamp
 * closer than the lead time the just-in-time queue needs ({@code TOO_LATE}) or further than it
 * plans ({@code TOO_EARLY}), overlap with a downlink already accepted ({@code COLLISION_PACKET}).
 * {@code COLLISION_BEACON} never happens: the simulator does not beacon. Thread-safe.
 */
public final class RealisticTxAckPolicy implements TxAckPolicy {

    /** Start delay 1.5 ms + overlap margin 1 ms + 30 ms to program the radio (Semtech's JIT queue constants). */
    static final long LEAD_MICROS = 32_500;
    /** The JIT queue accepts downlinks up to (3 beacons + 1) x 128 s ahead. */
    static final long MAX_ADVANCE_MICROS = 512_000_000L;
    private static final long OVERLAP_MARGIN_MICROS = 1_000;

    private final double minFrequencyMHz;
    private final double maxFrequencyMHz;
    private final SortedSet<Integer> powers;
    private final boolean gpsLocked;
    private final List<long[]> scheduled = new ArrayList<>(); // {start tmst, airtime}

    /** EU868 863-870 MHz, powers 12..27 dBm, no GPS. */
    public RealisticTxAckPolicy() {
        this(863.0, 870.0, IntStream.rangeClosed(12, 27).boxed().toList(), false);
    }

    public RealisticTxAckPolicy(double minFrequencyMHz, double maxFrequencyMHz, List<Integer> powers, boolean gpsLocked) {
        this.minFrequencyMHz = minFrequencyMHz;
        this.maxFrequencyMHz = maxFrequencyMHz;
        this.powers = Collections.unmodifiableSortedSet(new TreeSet<>(powers));
        this.gpsLocked = gpsLocked;
    }

    public SortedSet<Integer> powers() {
        return powers;
    }

    @Override
    public synchronized TxAckError decide(Txpk txpk, long counter) {
        if (txpk.frequencyMHz() < minFrequencyMHz || txpk.frequencyMHz() > maxFrequencyMHz) {
            return TxAckError.TX_FREQ;
        }
        if (txpk.power() != null && !powers.contains(txpk.power())) {
            return TxAckError.TX_POWER;
        }
        if (txpk.immediate()) {
            return TxAckError.NONE; // class C: sent as soon as the radio is free
        }
        if (txpk.tmst() == null) {
            return gpsLocked ? TxAckError.NONE : TxAckError.GPS_UNLOCKED;
        }
        long ahead = ConcentratorClock.ahead(txpk.tmst(), counter);
        if (ahead < LEAD_MICROS) {
            return TxAckError.TOO_LATE;
        }
        if (ahead > MAX_ADVANCE_MICROS) {
            return TxAckError.TOO_EARLY;
        }
        long airtime = LoRaAirtime.micros(txpk);
        if (collides(ahead, airtime, counter)) {
            return TxAckError.COLLISION_PACKET;
        }
        scheduled.add(new long[] {txpk.tmst(), airtime});
        return TxAckError.NONE;
    }

    /** Overlap test on offsets from now, forgetting the downlinks already sent. */
    private boolean collides(long start, long airtime, long counter) {
        for (Iterator<long[]> it = scheduled.iterator(); it.hasNext(); ) {
            long[] other = it.next();
            long otherStart = ConcentratorClock.ahead(other[0], counter);
            long otherEnd = otherStart + other[1];
            if (otherEnd < 0) {
                it.remove();
                continue;
            }
            if (start < otherEnd + OVERLAP_MARGIN_MICROS && otherStart < start + airtime + OVERLAP_MARGIN_MICROS) {
                return true;
            }
        }
        return false;
    }
}
