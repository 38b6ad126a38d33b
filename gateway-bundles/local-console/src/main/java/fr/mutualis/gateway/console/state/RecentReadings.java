package fr.mutualis.gateway.console.state;

import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.gateway.api.ClassifiedFrame;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * The last frames the gateway stored, for the technician's "is my sensor heard?" question. Only
 * what the frame shows in clear is kept (DevAddr, frame counter, radio quality): the console does
 * not hold keys.
 */
public final class RecentReadings {

    private static final int KEPT = 20;

    /** One stored frame as the console shows it; {@code devAddr} is empty for join requests and unknown types. */
    public record Reading(Instant receivedAt, String devAddr, Long fCnt, int bytes, Integer rssi, Double snr,
                          String priority) {
    }

    private final Deque<Reading> readings = new ArrayDeque<>();

    public synchronized void add(List<ClassifiedFrame> frames) {
        for (ClassifiedFrame classified : frames) {
            byte[] phy = classified.frame().phyPayload();
            RadioMetadata radio = classified.frame().radio();
            String devAddr = "";
            Long fCnt = null;
            int mType = phy.length > 0 ? (phy[0] & 0xff) >>> 5 : -1;
            // Data up (unconfirmed 2, confirmed 4): MHDR, DevAddr (LE), FCtrl, FCnt (LE 16 bits).
            if ((mType == 2 || mType == 4) && phy.length >= 8) {
                devAddr = HexFormat.of().formatHex(new byte[] {phy[4], phy[3], phy[2], phy[1]});
                fCnt = (long) ((phy[6] & 0xff) | (phy[7] & 0xff) << 8);
            }
            readings.addFirst(new Reading(classified.frame().receivedAt(), devAddr, fCnt, phy.length,
                    radio == null ? null : radio.rssi(), radio == null ? null : radio.snr(),
                    classified.priority().name()));
            if (readings.size() > KEPT) {
                readings.removeLast();
            }
        }
    }

    /** Newest first. */
    public synchronized List<Reading> list() {
        return new ArrayList<>(readings);
    }
}
