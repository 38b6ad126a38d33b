package fr.mutualis.gateway.lorawan;

import java.util.Arrays;
import java.util.Objects;

/**
 * A LoRaWAN PHYPayload ({@code MHDR | MACPayload | MIC}) whose framing has been validated without
 * any key.
 *
 * <p>{@link #parse} is built for the gateway's hot path: it checks lengths and records two
 * offsets, allocates nothing but this object, and reads every field on demand from the array it
 * was given. It does <em>not</em> copy that array: the caller hands it over and must not modify it
 * afterwards (the packet-forwarder ingest decodes each frame into a fresh array). Accessors that
 * return arrays return copies, so callers cannot corrupt the parsed frame.
 *
 * <p>Which accessors apply depends on the {@link MType}; calling one that does not apply throws
 * {@link IllegalStateException} (a programming error, not bad input):
 * <ul>
 * <li>data frames: {@link #devAddr()}, {@link #fCtrl()} and its bits, {@link #fOptsLength()},
 * {@link #fOpts()}, {@link #fCnt()}, {@link #fPort()}, {@link #frmPayload()}, {@link #mic()};</li>
 * <li>join request: {@link #joinEui()}, {@link #devEui()}, {@link #devNonce()}, {@link #mic()};</li>
 * <li>rejoin request: {@link #rejoinType()}, {@link #devEui()}, {@link #rjCount()}, {@link #mic()},
 * plus {@link #netId()} for types 0 and 2 and {@link #joinEui()} for type 1;</li>
 * <li>join accept (encrypted with the device's root key) and proprietary frames: only the MType,
 * the major version and the raw {@link #bytes()}.</li>
 * </ul>
 */
public final class PhyPayload {

    /** The largest PHYPayload a LoRa radio carries (the SX127x/SX130x payload length is one byte). */
    public static final int MAX_LENGTH = 255;

    static final int MHDR_LENGTH = 1;
    static final int MIC_LENGTH = 4;
    /** DevAddr (4) + FCtrl (1) + FCnt (2), before the FOpts. */
    static final int FHDR_FIXED_LENGTH = 7;
    static final int MIN_DATA_LENGTH = MHDR_LENGTH + FHDR_FIXED_LENGTH + MIC_LENGTH;
    static final int JOIN_REQUEST_LENGTH = 23;
    static final int JOIN_ACCEPT_LENGTH = 17;
    static final int JOIN_ACCEPT_WITH_CFLIST_LENGTH = 33;
    static final int REJOIN_0_2_LENGTH = 19;
    static final int REJOIN_1_LENGTH = 24;

    private static final int FOPTS_OFFSET = MHDR_LENGTH + FHDR_FIXED_LENGTH;
    private static final int NO_FPORT = -1;

    private final byte[] phy;
    private final MType mType;
    /** Data frames only: the FOpts length announced in FCtrl, already checked against the frame. */
    private final int fOptsLength;
    /** Data frames only: the index of FPort in {@link #phy}, or {@link #NO_FPORT}. */
    private final int fPortIndex;

    private PhyPayload(byte[] phy, MType mType, int fOptsLength, int fPortIndex) {
        this.phy = phy;
        this.mType = mType;
        this.fOptsLength = fOptsLength;
        this.fPortIndex = fPortIndex;
    }

    /**
     * Validates the framing of {@code phy} and returns a view of it. Total: any array either
     * parses or throws {@link MalformedFrameException}, never another exception. Checked in this
     * order:
     * <ol>
     * <li>{@code too-short}: an empty array (there is no MHDR);</li>
     * <li>{@code bad-major}: the MHDR's Major is not 0 (LoRaWAN R1), whose layout we cannot know;
     * the exception still reports the MType;</li>
     * <li>{@code too-long}: longer than {@value #MAX_LENGTH} bytes, which no LoRa radio sends;</li>
     * <li>per MType: a data frame shorter than {@value #MIN_DATA_LENGTH} bytes ({@code too-short}),
     * whose FOptsLen runs into the MIC ({@code fopts-overflow}), or with FPort 0 and FOpts
     * (MAC commands in both places, which LoRaWAN forbids: {@code fport0-with-fopts}); a join
     * request that is not exactly 23 bytes ({@code join-request-length}); a join accept that is
     * neither 17 nor 33 bytes ({@code join-accept-length}); a rejoin request whose RejoinType is
     * missing or whose length does not match its type, 19 bytes for types 0 and 2 and 24 for type
     * 1 ({@code rejoin-request-length}), or whose type is not 0, 1 or 2 ({@code rejoin-type}).
     * A proprietary frame is anything from one byte up.</li>
     * </ol>
     * The RFU bits of the MHDR are ignored, as LoRaWAN asks of receivers.
     *
     * @param phy the PHYPayload exactly as received; kept, not copied (see the class comment)
     * @throws NullPointerException if {@code phy} is null
     */
    public static PhyPayload parse(byte[] phy) throws MalformedFrameException {
        Objects.requireNonNull(phy, "phy");
        int length = phy.length;
        if (length == 0) {
            throw new MalformedFrameException("too-short", null, "empty PHYPayload: no MHDR");
        }
        int mhdr = phy[0] & 0xff;
        MType mType = MType.ofMhdr(mhdr);
        int major = mhdr & 0x03;
        if (major != 0) {
            throw new MalformedFrameException("bad-major", mType,
                    "MHDR 0x" + Hex.byteToHex(mhdr) + " announces Major " + major
                            + ", only 0 (LoRaWAN R1) is defined");
        }
        if (length > MAX_LENGTH) {
            throw new MalformedFrameException("too-long", mType,
                    mType + " of " + length + " bytes, a LoRa PHYPayload has at most " + MAX_LENGTH);
        }
        switch (mType) {
            case UNCONFIRMED_DATA_UP:
            case UNCONFIRMED_DATA_DOWN:
            case CONFIRMED_DATA_UP:
            case CONFIRMED_DATA_DOWN:
                return parseDataFrame(phy, mType);
            case JOIN_REQUEST:
                requireLength(phy, mType, JOIN_REQUEST_LENGTH, JOIN_REQUEST_LENGTH, "join-request-length");
                break;
            case JOIN_ACCEPT:
                requireLength(phy, mType, JOIN_ACCEPT_LENGTH, JOIN_ACCEPT_WITH_CFLIST_LENGTH, "join-accept-length");
                break;
            case REJOIN_REQUEST:
                checkRejoinRequest(phy);
                break;
            case PROPRIETARY:
            default:
                break;
        }
        return new PhyPayload(phy, mType, 0, NO_FPORT);
    }

    private static PhyPayload parseDataFrame(byte[] phy, MType mType) throws MalformedFrameException {
        int length = phy.length;
        if (length < MIN_DATA_LENGTH) {
            throw new MalformedFrameException("too-short", mType,
                    mType + " of " + length + " bytes, a data frame has at least " + MIN_DATA_LENGTH
                            + " (MHDR, DevAddr, FCtrl, FCnt, MIC)");
        }
        int fOptsLength = phy[5] & 0x0f;
        int afterFOpts = FOPTS_OFFSET + fOptsLength;
        int micOffset = length - MIC_LENGTH;
        if (afterFOpts > micOffset) {
            throw new MalformedFrameException("fopts-overflow", mType,
                    "FOptsLen " + fOptsLength + " needs " + (afterFOpts + MIC_LENGTH)
                            + " bytes, the frame has " + length);
        }
        int fPortIndex = afterFOpts < micOffset ? afterFOpts : NO_FPORT;
        if (fPortIndex != NO_FPORT && fOptsLength > 0 && phy[fPortIndex] == 0) {
            throw new MalformedFrameException("fport0-with-fopts", mType,
                    "FPort 0 (MAC commands in FRMPayload) with " + fOptsLength
                            + " bytes of FOpts: MAC commands cannot be in both");
        }
        return new PhyPayload(phy, mType, fOptsLength, fPortIndex);
    }

    private static void requireLength(byte[] phy, MType mType, int expected, int alternative, String reason)
            throws MalformedFrameException {
        int length = phy.length;
        if (length != expected && length != alternative) {
            String allowed = expected == alternative ? expected + " bytes" : expected + " or " + alternative + " bytes";
            throw new MalformedFrameException(reason, mType, mType + " of " + length + " bytes, expected " + allowed);
        }
    }

    private static void checkRejoinRequest(byte[] phy) throws MalformedFrameException {
        if (phy.length < 2) {
            throw new MalformedFrameException("rejoin-request-length", MType.REJOIN_REQUEST,
                    "REJOIN_REQUEST of " + phy.length + " byte has no RejoinType");
        }
        int rejoinType = phy[1] & 0xff;
        if (rejoinType > 2) {
            throw new MalformedFrameException("rejoin-type", MType.REJOIN_REQUEST,
                    "RejoinType " + rejoinType + ", only 0, 1 and 2 are defined");
        }
        int expected = rejoinType == 1 ? REJOIN_1_LENGTH : REJOIN_0_2_LENGTH;
        if (phy.length != expected) {
            throw new MalformedFrameException("rejoin-request-length", MType.REJOIN_REQUEST,
                    "REJOIN_REQUEST type " + rejoinType + " of " + phy.length + " bytes, expected " + expected);
        }
    }

    // ---- every MType ----

    public MType mType() {
        return mType;
    }

    /** The LoRaWAN major version from the MHDR: always 0 (R1), as parse refuses the others. */
    public int major() {
        return phy[0] & 0x03;
    }

    /** The MHDR byte, 0 to 255. */
    public int mhdr() {
        return phy[0] & 0xff;
    }

    /** The length of the whole PHYPayload in bytes. */
    public int length() {
        return phy.length;
    }

    /** A copy of the whole PHYPayload, as received. */
    public byte[] bytes() {
        return phy.clone();
    }

    /** True when {@link #mic()} applies: data frames, join and rejoin requests. */
    public boolean hasMic() {
        return mType != MType.JOIN_ACCEPT && mType != MType.PROPRIETARY;
    }

    /**
     * The four MIC bytes (the last four of the frame) as an int whose big-endian bytes are the MIC
     * bytes in on-air order: a frame ending in {@code 2b 11 ff 0d} has MIC {@code 0x2b11ff0d}. The
     * MIC is the first four bytes of an AES-CMAC, a byte string rather than a little-endian number,
     * so it is not reversed; {@code String.format("%08x", mic())} prints it as network servers
     * and lora-packet do, and {@link LoRaWanCrypto} returns MICs in the same form.
     */
    public int mic() {
        if (!hasMic()) {
            throw notApplicable("mic()");
        }
        int offset = phy.length - MIC_LENGTH;
        return (phy[offset] & 0xff) << 24 | (phy[offset + 1] & 0xff) << 16
                | (phy[offset + 2] & 0xff) << 8 | phy[offset + 3] & 0xff;
    }

    // ---- data frames ----

    /** The DevAddr as a number: on-air bytes {@code 04 03 02 01} give {@code 0x01020304}. */
    public int devAddr() {
        requireDataFrame("devAddr()");
        return readLittleEndianInt(1);
    }

    /** The FCtrl byte, 0 to 255. */
    public int fCtrl() {
        requireDataFrame("fCtrl()");
        return phy[5] & 0xff;
    }

    /** FCtrl bit 7: adaptive data rate. */
    public boolean adr() {
        return (fCtrl() & 0x80) != 0;
    }

    /** FCtrl bit 6: ADRACKReq on uplinks (RFU on downlinks, returned as transmitted). */
    public boolean adrAckReq() {
        return (fCtrl() & 0x40) != 0;
    }

    /** FCtrl bit 5: acknowledges the last confirmed frame of the other direction. */
    public boolean ack() {
        return (fCtrl() & 0x20) != 0;
    }

    /** FCtrl bit 4: FPending on downlinks; on uplinks the same bit is ClassB (RFU before 1.0.2). */
    public boolean fPending() {
        return (fCtrl() & 0x10) != 0;
    }

    /** FOptsLen, the low nibble of FCtrl: 0 to 15 bytes of MAC commands (encrypted in 1.1). */
    public int fOptsLength() {
        requireDataFrame("fOptsLength()");
        return fOptsLength;
    }

    /** A copy of the FOpts bytes, empty when there are none. */
    public byte[] fOpts() {
        requireDataFrame("fOpts()");
        return Arrays.copyOfRange(phy, FOPTS_OFFSET, FOPTS_OFFSET + fOptsLength);
    }

    /** The 16 low bits of the frame counter, as transmitted (0 to 65535); see {@link FrameCounter}. */
    public int fCnt() {
        requireDataFrame("fCnt()");
        return (phy[6] & 0xff) | (phy[7] & 0xff) << 8;
    }

    /** FPort, 0 to 255, or -1 when the frame has no FPort (and so no FRMPayload). */
    public int fPort() {
        requireDataFrame("fPort()");
        return fPortIndex == NO_FPORT ? -1 : phy[fPortIndex] & 0xff;
    }

    /** The length of the FRMPayload in bytes, 0 when absent or empty; allocates nothing. */
    public int frmPayloadLength() {
        requireDataFrame("frmPayloadLength()");
        return fPortIndex == NO_FPORT ? 0 : phy.length - MIC_LENGTH - fPortIndex - 1;
    }

    /**
     * A copy of the FRMPayload as transmitted (encrypted with the AppSKey, or the NwkSKey when
     * FPort is 0), empty when absent; {@link LoRaWanCrypto#decryptFrmPayload} decrypts it.
     */
    public byte[] frmPayload() {
        requireDataFrame("frmPayload()");
        if (fPortIndex == NO_FPORT) {
            return new byte[0];
        }
        return Arrays.copyOfRange(phy, fPortIndex + 1, phy.length - MIC_LENGTH);
    }

    // ---- join and rejoin requests ----

    /** The JoinEUI (AppEUI before 1.1) of a join request or a type-1 rejoin request, as usually printed. */
    public long joinEui() {
        if (mType == MType.JOIN_REQUEST) {
            return readLittleEndianLong(1);
        }
        if (mType == MType.REJOIN_REQUEST && rejoinType() == 1) {
            return readLittleEndianLong(2);
        }
        throw notApplicable("joinEui()");
    }

    /**
     * The DevEUI of a join or rejoin request, as usually printed: on-air bytes
     * {@code 08 07 06 05 04 03 02 01} give {@code 0x0102030405060708}.
     */
    public long devEui() {
        if (mType == MType.JOIN_REQUEST) {
            return readLittleEndianLong(9);
        }
        if (mType == MType.REJOIN_REQUEST) {
            return readLittleEndianLong(rejoinType() == 1 ? 10 : 5);
        }
        throw notApplicable("devEui()");
    }

    /** The DevNonce of a join request, 0 to 65535. */
    public int devNonce() {
        if (mType != MType.JOIN_REQUEST) {
            throw notApplicable("devNonce()");
        }
        return (phy[17] & 0xff) | (phy[18] & 0xff) << 8;
    }

    /** The RejoinType of a rejoin request: 0, 1 or 2. */
    public int rejoinType() {
        if (mType != MType.REJOIN_REQUEST) {
            throw notApplicable("rejoinType()");
        }
        return phy[1] & 0xff;
    }

    /** The NetID of a type 0 or 2 rejoin request, as a 24-bit number (see {@link NetId}). */
    public int netId() {
        if (mType != MType.REJOIN_REQUEST || rejoinType() == 1) {
            throw notApplicable("netId()");
        }
        return (phy[2] & 0xff) | (phy[3] & 0xff) << 8 | (phy[4] & 0xff) << 16;
    }

    /** RJcount0 (types 0 and 2) or RJcount1 (type 1) of a rejoin request, 0 to 65535. */
    public int rjCount() {
        int offset = rejoinType() == 1 ? 18 : 13;
        return (phy[offset] & 0xff) | (phy[offset + 1] & 0xff) << 8;
    }

    // ---- for LoRaWanCrypto, in this package: no copies ----

    /** The array given to {@link #parse}; callers in this package never modify it. */
    byte[] array() {
        return phy;
    }

    /** The index of the first MIC byte, which is also the length of MHDR | MACPayload. */
    int micOffset() {
        return phy.length - MIC_LENGTH;
    }

    private void requireDataFrame(String accessor) {
        if (!mType.isDataFrame()) {
            throw notApplicable(accessor);
        }
    }

    private IllegalStateException notApplicable(String accessor) {
        return new IllegalStateException(accessor + " does not apply to a " + mType
                + (mType == MType.REJOIN_REQUEST ? " of type " + (phy[1] & 0xff) : ""));
    }

    private int readLittleEndianInt(int offset) {
        return (phy[offset] & 0xff) | (phy[offset + 1] & 0xff) << 8
                | (phy[offset + 2] & 0xff) << 16 | (phy[offset + 3] & 0xff) << 24;
    }

    private long readLittleEndianLong(int offset) {
        return (readLittleEndianInt(offset) & 0xffffffffL) | (long) readLittleEndianInt(offset + 4) << 32;
    }

    /** Two frames are equal when their bytes are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof PhyPayload && Arrays.equals(phy, ((PhyPayload) other).phy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(phy);
    }

    /** A one-line summary for logs; never the payload bytes. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(64).append(mType).append(' ').append(phy.length).append('B');
        if (mType.isDataFrame()) {
            text.append(" DevAddr=").append(Hex.intToHex(devAddr())).append(" FCnt=").append(fCnt());
            if (fPortIndex != NO_FPORT) {
                text.append(" FPort=").append(fPort());
            }
        } else if (mType == MType.JOIN_REQUEST) {
            text.append(" JoinEUI=").append(Hex.longToHex(joinEui())).append(" DevEUI=").append(Hex.longToHex(devEui()));
        } else if (mType == MType.REJOIN_REQUEST) {
            text.append(" type=").append(rejoinType()).append(" DevEUI=").append(Hex.longToHex(devEui()));
        }
        return text.toString();
    }
}
