package fr.mutualis.hardware.simulator.mix;

import fr.mutualis.hardware.simulator.lorawan.EuiRange;
import fr.mutualis.hardware.simulator.lorawan.MType;
import java.time.Instant;
import java.util.Base64;

/**
 * One rxpk entry of a traffic mix, with what the gateway must do with it.
 *
 * @param seq         position among all rxpk entries of the mix, in sending order
 * @param datagramSeq the datagram that carries it
 * @param token       that datagram's GWMP token
 * @param entryIndex  position in the datagram's rxpk array
 * @param devAddr     for data frames (including corrupted and foreign ones), else null
 * @param devEui      for join requests, else null
 * @param joinEui     for join requests, else null
 * @param fCnt        the full frame counter of an own or foreign data frame, else null
 * @param fPort       of a data frame with payload, else null
 * @param mType       the MHDR type the frame was built with, null when it has no valid MHDR
 * @param phyPayload  the bytes reported in {@code data} (for a malformed entry: the bytes it was
 *                    meant to carry)
 * @param crcStatus   the rxpk {@code stat}: 1 OK, -1 CRC error, 0 no CRC
 * @param tmst        the concentrator timestamp reported
 * @param time        the UTC receive time reported, null when the entry has no {@code time}
 * @param format      which forwarder's rxpk layout was used (see {@code README.md})
 * @param duplicateOf the {@code seq} of the original for a duplicate, else null
 */
public record MixFrame(int seq, int datagramSeq, int token, int entryIndex, Category category,
                       ExpectedOutcome expected, Integer devAddr, Long devEui, Long joinEui, Long fCnt,
                       Integer fPort, MType mType, byte[] phyPayload, int crcStatus, long tmst, Instant time,
                       String format, Integer duplicateOf) {

    public MixFrame {
        phyPayload = phyPayload.clone();
    }

    @Override
    public byte[] phyPayload() {
        return phyPayload.clone();
    }

    public String phyPayloadBase64() {
        return Base64.getEncoder().encodeToString(phyPayload);
    }

    public String devAddrHex() {
        return devAddr == null ? null : String.format("%08X", devAddr);
    }

    public String devEuiHex() {
        return devEui == null ? null : EuiRange.hex(devEui);
    }

    public String joinEuiHex() {
        return joinEui == null ? null : EuiRange.hex(joinEui);
    }
}
