package fr.mutualis.hardware.simulator.mix;

import fr.mutualis.hardware.simulator.lorawan.MType;
import java.time.Instant;

/**
 * An rxpk entry while the mix is being built: the frame, its ground truth and its radio
 * metadata. Mutable and package-private; {@link MixFrame} is its published, immutable form.
 */
final class Entry {

    Category category;
    ExpectedOutcome expected;
    byte[] phyPayload;
    int crcStatus = 1;
    Integer devAddr;
    Long devEui;
    Long joinEui;
    Long fCnt;
    Integer fPort;
    MType mType;
    Malformation malformation;
    Entry duplicateOf;

    Instant time;
    long tmst;
    int chan;
    Modulation modulation = Modulation.LORA;
    int spreadingFactor = 7;
    int rssi;
    double snr;

    Entry(Category category, ExpectedOutcome expected, byte[] phyPayload) {
        this.category = category;
        this.expected = expected;
        this.phyPayload = phyPayload;
    }

    /** The same frame, heard a second time: same bytes and identity, its own radio reading. */
    Entry duplicate() {
        Entry copy = new Entry(Category.DUPLICATE, ExpectedOutcome.DROPPED_DUPLICATE, phyPayload.clone());
        copy.crcStatus = crcStatus;
        copy.devAddr = devAddr;
        copy.devEui = devEui;
        copy.joinEui = joinEui;
        copy.fCnt = fCnt;
        copy.fPort = fPort;
        copy.mType = mType;
        copy.duplicateOf = this;
        copy.time = time;
        copy.tmst = tmst;
        copy.chan = chan;
        copy.modulation = modulation;
        copy.spreadingFactor = spreadingFactor;
        copy.rssi = rssi;
        copy.snr = snr;
        return copy;
    }
}
