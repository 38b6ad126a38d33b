package fr.mutualis.hardware.simulator.lorawan;

/**
 * A LoRaWAN data frame before encoding: MHDR type, FHDR fields, optional FPort and the plain
 * FRMPayload. {@link #encode(SessionKeys)} encrypts the payload and appends the MIC.
 *
 * @param fCtrlFlags FCtrl without FOptsLen: uplink ADR 0x80, ADRACKReq 0x40, ACK 0x20, ClassB 0x10
 *                   (downlink: ADR 0x80, ACK 0x20, FPending 0x10)
 * @param fCnt       the full 32-bit frame counter; the frame carries its 16 least significant bits
 * @param fOpts      MAC commands piggybacked in the header, 0..15 bytes (plain in LoRaWAN 1.0)
 * @param fPort      null for a frame without FPort and payload
 */
public record DataFrame(MType mType, int devAddr, int fCtrlFlags, long fCnt, byte[] fOpts, Integer fPort,
                        byte[] frmPayload) {

    public static final int ADR = 0x80;
    public static final int ADR_ACK_REQ = 0x40;
    public static final int ACK = 0x20;

    public DataFrame {
        if (mType != MType.UNCONFIRMED_DATA_UP && mType != MType.CONFIRMED_DATA_UP
                && mType != MType.UNCONFIRMED_DATA_DOWN && mType != MType.CONFIRMED_DATA_DOWN) {
            throw new IllegalArgumentException(mType + " is not a data frame");
        }
        if (fOpts.length > 15 || (fCtrlFlags & 0x0F) != 0) {
            throw new IllegalArgumentException("FOpts is 0..15 bytes; FOptsLen is computed");
        }
        if (fPort == null && frmPayload.length > 0 || fPort != null && (fPort < 0 || fPort > 255)) {
            throw new IllegalArgumentException("a payload needs an FPort 0..255");
        }
        fOpts = fOpts.clone();
        frmPayload = frmPayload.clone();
    }

    /** PHYPayload: MHDR | DevAddr | FCtrl | FCnt | FOpts | [FPort | encrypted FRMPayload] | MIC. */
    public byte[] encode(SessionKeys keys) {
        int headerLength = 1 + 7 + fOpts.length;
        int payloadLength = fPort == null ? 0 : 1 + frmPayload.length;
        byte[] msg = new byte[headerLength + payloadLength];
        msg[0] = (byte) mType.mhdr();
        LoRaWanCrypto.putLittleEndian(msg, 1, devAddr, 4);
        msg[5] = (byte) (fCtrlFlags | fOpts.length);
        LoRaWanCrypto.putLittleEndian(msg, 6, fCnt, 2);
        System.arraycopy(fOpts, 0, msg, 8, fOpts.length);
        if (fPort != null) {
            msg[headerLength] = (byte) (int) fPort;
            byte[] key = fPort == 0 ? keys.nwkSKey() : keys.appSKey();
            byte[] encrypted = LoRaWanCrypto.cipherFrmPayload(key, mType.uplink(), devAddr, fCnt, frmPayload);
            System.arraycopy(encrypted, 0, msg, headerLength + 1, encrypted.length);
        }
        byte[] mic = LoRaWanCrypto.dataMic(keys.nwkSKey(), mType.uplink(), devAddr, fCnt, msg);
        byte[] phyPayload = new byte[msg.length + 4];
        System.arraycopy(msg, 0, phyPayload, 0, msg.length);
        System.arraycopy(mic, 0, phyPayload, msg.length, 4);
        return phyPayload;
    }
}
