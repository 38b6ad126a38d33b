package fr.mutualis.gateway.lorawan;

/**
 * Frame counters: LoRaWAN devices count frames on 32 bits but transmit only the 16 low bits, and
 * the MIC and the payload encryption use all 32, so a receiver must rebuild the high half.
 */
public final class FrameCounter {

    /** The largest 32-bit frame counter. */
    public static final long MAX_FCNT32 = 0xFFFF_FFFFL;

    private FrameCounter() {
    }

    /**
     * The 32-bit counter of a frame that carries {@code fCnt16}, given the last counter accepted
     * from the same device. Rule: keep the high 16 bits of {@code lastFCnt32} if that gives a value
     * not below {@code lastFCnt32} (equal is a retransmission of the last frame, which LoRaWAN 1.0
     * allows for unconfirmed repetitions); otherwise the 16-bit counter has rolled over, so take
     * the next high half. Only valid if fewer than 65,536 frames were lost since the last one;
     * an old (replayed) frame maps to the next rollover, where its MIC check then fails. After
     * 0xFFFFFFFF the counter wraps to 0, as LoRaWAN leaves devices to rejoin before then.
     *
     * @param fCnt16 the FCnt of the frame, 0 to 65535 ({@link PhyPayload#fCnt()})
     * @param lastFCnt32 the last accepted 32-bit counter, 0 to {@link #MAX_FCNT32}; 0 for a device
     *     never heard before
     * @return the 32-bit counter, 0 to {@link #MAX_FCNT32}
     */
    public static long extend(int fCnt16, long lastFCnt32) {
        if (fCnt16 < 0 || fCnt16 > 0xFFFF) {
            throw new IllegalArgumentException("FCnt " + fCnt16 + " is not a 16-bit counter");
        }
        if (lastFCnt32 < 0 || lastFCnt32 > MAX_FCNT32) {
            throw new IllegalArgumentException("last FCnt " + lastFCnt32 + " is not a 32-bit counter");
        }
        long candidate = (lastFCnt32 & 0xFFFF_0000L) | fCnt16;
        if (candidate < lastFCnt32) {
            candidate += 0x1_0000L;
        }
        return candidate & MAX_FCNT32;
    }
}
