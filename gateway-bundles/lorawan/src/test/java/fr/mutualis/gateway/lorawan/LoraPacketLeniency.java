package fr.mutualis.gateway.lorawan;

/**
 * Which frames lora-packet 0.9.3 refuses, as driven by oracle.js (its {@code fromWire} plus the
 * getters the oracle calls), read from its source and confirmed by the oracle test over every
 * frame of the corpus. lora-packet checks little more than that its reads stay inside the buffer,
 * so it accepts, where {@link PhyPayload#parse} refuses on purpose:
 * <ul>
 * <li>any Major (it never looks at those MHDR bits) and any length above 255 bytes;</li>
 * <li>data frames of 8 to 11 bytes (shorter than MHDR + FHDR + MIC), FOptsLen running into the
 * MIC (its FOpts then swallow MIC bytes and its FPort is a MIC byte), FPort 0 with FOpts;</li>
 * <li>join requests longer than 23 bytes, join accepts of 18 to 32 or more than 33 bytes;</li>
 * <li>rejoin requests without a RejoinType, of a type other than 0, 1, 2, or longer than their
 * type's length.</li>
 * </ul>
 * It refuses everything below (because a read would run past the end of the buffer).
 */
final class LoraPacketLeniency {

    private LoraPacketLeniency() {
    }

    static boolean accepts(byte[] phy) {
        if (phy.length == 0) {
            return false;
        }
        MType mType = MType.ofMhdr(phy[0]);
        switch (mType) {
            case UNCONFIRMED_DATA_UP:
            case UNCONFIRMED_DATA_DOWN:
            case CONFIRMED_DATA_UP:
            case CONFIRMED_DATA_DOWN:
                // FCtrl at 5 and the two FCnt bytes at 6 and 7 must exist for its getters.
                return phy.length >= 8;
            case JOIN_REQUEST:
                return phy.length >= PhyPayload.JOIN_REQUEST_LENGTH;
            case JOIN_ACCEPT:
                return phy.length >= PhyPayload.JOIN_ACCEPT_LENGTH;
            case REJOIN_REQUEST: {
                if (phy.length < 2) {
                    return true;
                }
                int rejoinType = phy[1] & 0xff;
                if (rejoinType == 0 || rejoinType == 2) {
                    return phy.length >= PhyPayload.REJOIN_0_2_LENGTH;
                }
                return rejoinType != 1 || phy.length >= PhyPayload.REJOIN_1_LENGTH;
            }
            case PROPRIETARY:
            default:
                return true;
        }
    }
}
