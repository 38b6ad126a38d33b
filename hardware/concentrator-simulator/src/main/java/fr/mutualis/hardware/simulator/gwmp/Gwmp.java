package fr.mutualis.hardware.simulator.gwmp;

/**
 * The packet-forwarder side's view of the Semtech UDP protocol ("GWMP"): packet identifiers and
 * the header layout, shared by the uplink sender, the traffic mix and the downlink endpoint.
 *
 * <p>Every datagram starts with {@code version, token (2 bytes, big-endian), identifier}; the
 * packets a forwarder sends (PUSH_DATA, PULL_DATA, TX_ACK) then carry the 8-byte gateway EUI.
 */
public final class Gwmp {

    public static final int PUSH_DATA = 0x00;
    public static final int PUSH_ACK = 0x01;
    public static final int PULL_DATA = 0x02;
    public static final int PULL_RESP = 0x03;
    public static final int PULL_ACK = 0x04;
    public static final int TX_ACK = 0x05;

    /** Header length of the packets that carry the gateway EUI. */
    public static final int HEADER_WITH_EUI = 12;

    private Gwmp() {
    }

    /** {@code version, token, identifier, EUI} followed by {@code body} (may be empty). */
    public static byte[] datagram(int version, int token, int identifier, long gatewayEui, byte[] body) {
        byte[] datagram = new byte[HEADER_WITH_EUI + body.length];
        datagram[0] = (byte) version;
        datagram[1] = (byte) (token >> 8);
        datagram[2] = (byte) token;
        datagram[3] = (byte) identifier;
        for (int i = 0; i < 8; i++) {
            datagram[4 + i] = (byte) (gatewayEui >>> (56 - 8 * i));
        }
        System.arraycopy(body, 0, datagram, HEADER_WITH_EUI, body.length);
        return datagram;
    }

    /** The token of a datagram of at least 3 bytes. */
    public static int token(byte[] datagram) {
        return ((datagram[1] & 0xFF) << 8) | (datagram[2] & 0xFF);
    }
}
