package fr.mutualis.hardware.simulator;

import java.time.Instant;
import java.util.Random;

/**
 * Reproducible uplink traffic: {@code devices} end devices, each with its own DevAddr and frame
 * counter, sending LoRaWAN 1.0 unconfirmed data-up frames in round-robin.
 *
 * <p>The frames are well-formed (MHDR, FHDR, FPort, FRMPayload, MIC) but the payload and MIC are
 * seeded random bytes: no session keys are involved at this stage.
 */
public final class TrafficGenerator {

    private static final double[] EU868_CHANNELS = {868.1, 868.3, 868.5, 867.1, 867.3, 867.5, 867.7, 867.9};
    private static final int UNCONFIRMED_DATA_UP = 0x40;

    private final Random random;
    private final int[] devAddrs;
    private final int[] frameCounters;
    private final int payloadSize;
    private int next;
    private long concentratorClock;

    public TrafficGenerator(long seed, int devices, int payloadSize) {
        if (devices < 1) {
            throw new IllegalArgumentException("at least one device");
        }
        if (payloadSize < 0 || payloadSize > 222) {
            throw new IllegalArgumentException("FRMPayload size must be 0..222 bytes (EU868 maximum)");
        }
        this.random = new Random(seed);
        this.payloadSize = payloadSize;
        this.devAddrs = new int[devices];
        this.frameCounters = new int[devices];
        for (int i = 0; i < devices; i++) {
            // NetID type 0, NwkID 0x13 (DevAddr prefix 0x26), random 25-bit NwkAddr.
            devAddrs[i] = 0x26000000 | random.nextInt(0x02000000);
        }
        this.concentratorClock = random.nextInt() & 0xFFFFFFFFL;
    }

    /** The next frame, receive time {@code now}. */
    public SimulatedFrame next(Instant now) {
        int device = next;
        next = (next + 1) % devAddrs.length;
        int fCnt = frameCounters[device]++;
        byte[] frame = new byte[1 + 7 + 1 + payloadSize + 4];
        int i = 0;
        frame[i++] = (byte) UNCONFIRMED_DATA_UP;
        int devAddr = devAddrs[device];
        frame[i++] = (byte) devAddr;          // DevAddr, little-endian
        frame[i++] = (byte) (devAddr >> 8);
        frame[i++] = (byte) (devAddr >> 16);
        frame[i++] = (byte) (devAddr >> 24);
        frame[i++] = 0;                        // FCtrl: no ADR, no FOpts
        frame[i++] = (byte) fCnt;              // FCnt, 16 least significant bits, little-endian
        frame[i++] = (byte) (fCnt >> 8);
        frame[i++] = 1;                        // FPort
        byte[] rest = new byte[payloadSize + 4];
        random.nextBytes(rest);                // FRMPayload and MIC
        System.arraycopy(rest, 0, frame, i, rest.length);
        concentratorClock = (concentratorClock + 1_000_000 + random.nextInt(1000)) & 0xFFFFFFFFL;
        return new SimulatedFrame(frame, EU868_CHANNELS[random.nextInt(EU868_CHANNELS.length)], "SF"
                + (7 + random.nextInt(6)) + "BW125", -30 - random.nextInt(90),
                Math.round((random.nextDouble() * 20 - 10) * 10) / 10.0, concentratorClock, now);
    }
}
