package fr.mutualis.gateway.lorawan;

/**
 * LoRaWAN 1.0.x message integrity codes and FRMPayload encryption, for the devices whose session
 * keys are configured on the gateway (most are not: their frames are forwarded still encrypted).
 * JDK AES only. Keys are 16-byte arrays in the order they are usually printed and typed.
 *
 * <p>MICs are ints in the form of {@link PhyPayload#mic()}: the first four CMAC bytes, first byte
 * most significant, so that {@code dataFrameMic(...) == frame.mic()} is the check.
 *
 * <p>Frame counters are the full 32-bit values (see {@link FrameCounter#extend}) held in an int,
 * i.e. counters above 0x7FFFFFFF are negative ints; only their bits matter here.
 */
public final class LoRaWanCrypto {

    private LoRaWanCrypto() {
    }

    /** AES-CMAC (RFC 4493) of {@code message} under a 16-byte key: 16 bytes. */
    public static byte[] aesCmac(byte[] key, byte[] message) {
        return new AesCmac(key).mac(message);
    }

    /**
     * The MIC of a data frame: {@code aes128_cmac(NwkSKey, B0 | MHDR | FHDR | FPort | FRMPayload)[0..3]}
     * with B0 built from the frame's direction, DevAddr and {@code fCnt32} (LoRaWAN 1.0.x, 4.4).
     *
     * @param fCnt32 the 32-bit frame counter, whose 16 low bits must be the frame's FCnt
     * @throws IllegalArgumentException if the frame is not a data frame or {@code fCnt32} does not
     *     end with its FCnt
     */
    public static int dataFrameMic(byte[] nwkSKey, PhyPayload frame, int fCnt32) {
        requireDataFrame(frame);
        if ((fCnt32 & 0xFFFF) != frame.fCnt()) {
            throw new IllegalArgumentException("32-bit FCnt 0x" + Hex.intToHex(fCnt32)
                    + " does not end with the frame's FCnt 0x" + Hex.toHex(frame.fCnt(), 4));
        }
        byte[] phy = frame.array();
        byte[] message = new byte[AesCmac.BLOCK + frame.micOffset()];
        System.arraycopy(phy, 0, message, AesCmac.BLOCK, frame.micOffset());
        writeBlock(message, 0x49, frame.mType().isUplink(), frame.devAddr(), fCnt32, frame.micOffset());
        return firstFourBytes(aesCmac(nwkSKey, message));
    }

    /**
     * The MIC of a data message given as {@code MHDR | MACPayload} (a frame without its MIC), for
     * callers that build frames or check the direction independently of the MHDR.
     */
    public static int dataFrameMic(byte[] nwkSKey, boolean uplink, int devAddr, int fCnt32, byte[] mhdrAndMacPayload) {
        if (mhdrAndMacPayload.length > PhyPayload.MAX_LENGTH) {
            throw new IllegalArgumentException("a message of " + mhdrAndMacPayload.length
                    + " bytes is longer than any LoRa frame");
        }
        byte[] message = new byte[AesCmac.BLOCK + mhdrAndMacPayload.length];
        System.arraycopy(mhdrAndMacPayload, 0, message, AesCmac.BLOCK, mhdrAndMacPayload.length);
        writeBlock(message, 0x49, uplink, devAddr, fCnt32, mhdrAndMacPayload.length);
        return firstFourBytes(aesCmac(nwkSKey, message));
    }

    /** True when the frame's MIC is the one its NwkSKey and 32-bit counter give. */
    public static boolean verifyDataFrameMic(byte[] nwkSKey, PhyPayload frame, int fCnt32) {
        return dataFrameMic(nwkSKey, frame, fCnt32) == frame.mic();
    }

    /** The MIC of a join request: {@code aes128_cmac(AppKey, MHDR | JoinEUI | DevEUI | DevNonce)[0..3]}. */
    public static int joinRequestMic(byte[] appKey, PhyPayload frame) {
        if (frame.mType() != MType.JOIN_REQUEST) {
            throw new IllegalArgumentException("joinRequestMic needs a JOIN_REQUEST, got " + frame.mType());
        }
        return macOfFrameWithoutMic(appKey, frame);
    }

    /** True when the join request's MIC is the one its AppKey (NwkKey in 1.1) gives. */
    public static boolean verifyJoinRequestMic(byte[] appKey, PhyPayload frame) {
        return joinRequestMic(appKey, frame) == frame.mic();
    }

    /**
     * The MIC of a LoRaWAN 1.1 rejoin request, {@code aes128_cmac(key, MHDR | rejoin fields)[0..3]},
     * where the key is the SNwkSIntKey for types 0 and 2 and the JSIntKey for type 1.
     */
    public static int rejoinRequestMic(byte[] key, PhyPayload frame) {
        if (frame.mType() != MType.REJOIN_REQUEST) {
            throw new IllegalArgumentException("rejoinRequestMic needs a REJOIN_REQUEST, got " + frame.mType());
        }
        return macOfFrameWithoutMic(key, frame);
    }

    /**
     * Encrypts or decrypts (the same XOR with the same keystream) an FRMPayload: the keystream is
     * {@code AES(key, A_i)} with {@code A_i = 01 | 00000000 | Dir | DevAddr | FCnt32 | 00 | i}
     * (LoRaWAN 1.0.x, 4.3.3). The key is the AppSKey, or the NwkSKey when FPort is 0.
     *
     * @return a new array, as long as {@code frmPayload}
     */
    public static byte[] decryptFrmPayload(byte[] key, boolean uplink, int devAddr, int fCnt32, byte[] frmPayload) {
        AesCmac aes = new AesCmac(key);
        byte[] out = frmPayload.clone();
        byte[] a = new byte[AesCmac.BLOCK];
        for (int offset = 0, block = 1; offset < out.length; offset += AesCmac.BLOCK, block++) {
            writeBlock(a, 0, 0x01, uplink, devAddr, fCnt32, block);
            byte[] keystream = aes.encrypt(a);
            int end = Math.min(out.length, offset + AesCmac.BLOCK);
            for (int i = offset; i < end; i++) {
                out[i] ^= keystream[i - offset];
            }
        }
        return out;
    }

    /**
     * Decrypts a data frame's FRMPayload with the key its FPort calls for: the NwkSKey for FPort 0
     * (MAC commands), the AppSKey otherwise. Empty when the frame has no FRMPayload.
     */
    public static byte[] decryptFrmPayload(PhyPayload frame, int fCnt32, byte[] appSKey, byte[] nwkSKey) {
        requireDataFrame(frame);
        byte[] key = frame.fPort() == 0 ? nwkSKey : appSKey;
        return decryptFrmPayload(key, frame.mType().isUplink(), frame.devAddr(), fCnt32, frame.frmPayload());
    }

    private static int macOfFrameWithoutMic(byte[] key, PhyPayload frame) {
        byte[] message = new byte[frame.micOffset()];
        System.arraycopy(frame.array(), 0, message, 0, message.length);
        return firstFourBytes(aesCmac(key, message));
    }

    /** Writes B0 (first byte 0x49) or A_i (0x01) at the start of {@code target}. */
    private static void writeBlock(byte[] target, int first, boolean uplink, int devAddr, int fCnt32, int last) {
        writeBlock(target, 0, first, uplink, devAddr, fCnt32, last);
    }

    private static void writeBlock(byte[] target, int offset, int first, boolean uplink, int devAddr, int fCnt32,
            int last) {
        target[offset] = (byte) first;
        target[offset + 1] = 0;
        target[offset + 2] = 0;
        target[offset + 3] = 0;
        target[offset + 4] = 0;
        target[offset + 5] = (byte) (uplink ? 0 : 1);
        writeLittleEndian(target, offset + 6, devAddr);
        writeLittleEndian(target, offset + 10, fCnt32);
        target[offset + 14] = 0;
        target[offset + 15] = (byte) last;
    }

    private static void writeLittleEndian(byte[] target, int offset, int value) {
        target[offset] = (byte) value;
        target[offset + 1] = (byte) (value >>> 8);
        target[offset + 2] = (byte) (value >>> 16);
        target[offset + 3] = (byte) (value >>> 24);
    }

    private static int firstFourBytes(byte[] cmac) {
        return (cmac[0] & 0xff) << 24 | (cmac[1] & 0xff) << 16 | (cmac[2] & 0xff) << 8 | cmac[3] & 0xff;
    }

    private static void requireDataFrame(PhyPayload frame) {
        if (!frame.mType().isDataFrame()) {
            throw new IllegalArgumentException("a data frame is needed, got " + frame.mType());
        }
    }
}
