package fr.mutualis.gateway.ingest.gwmp;

import java.util.Arrays;

/**
 * One datagram of the Semtech UDP packet-forwarder protocol (GWMP), header decoded.
 *
 * <pre>
 * byte 0      protocol version (1 or 2)
 * bytes 1-2   random token, echoed in the acknowledgement
 * byte 3      identifier: PUSH_DATA 0x00, PUSH_ACK 0x01, PULL_DATA 0x02, PULL_RESP 0x03,
 *             PULL_ACK 0x04, TX_ACK 0x05
 * bytes 4-11  gateway EUI (PUSH_DATA, PULL_DATA, TX_ACK)
 * bytes 12-   JSON (PUSH_DATA, TX_ACK)
 * bytes 4-    JSON (PULL_RESP, which the server sends)
 * </pre>
 * A version 1 forwarder sends no TX_ACK and ignores the token of a PULL_RESP.
 */
record GwmpPacket(int version, int token, int identifier, long gatewayEui, byte[] json) {

    static final int PUSH_DATA = 0x00;
    static final int PUSH_ACK = 0x01;
    static final int PULL_DATA = 0x02;
    static final int PULL_RESP = 0x03;
    static final int PULL_ACK = 0x04;
    static final int TX_ACK = 0x05;

    private static final int HEADER_WITH_EUI = 12;

    /** Decodes a datagram's header; throws with a counter-friendly reason on anything malformed. */
    static GwmpPacket parse(byte[] data, int length) throws MalformedPacketException {
        if (length < 4) {
            throw new MalformedPacketException("too-short", "datagram of " + length + " bytes, a GWMP header has 4");
        }
        int version = data[0] & 0xFF;
        if (version != 1 && version != 2) {
            throw new MalformedPacketException("unknown-version", "protocol version " + version + ", expected 1 or 2");
        }
        int token = ((data[1] & 0xFF) << 8) | (data[2] & 0xFF);
        int identifier = data[3] & 0xFF;
        switch (identifier) {
            case PUSH_DATA, PULL_DATA, TX_ACK -> {
                if (length < HEADER_WITH_EUI) {
                    throw new MalformedPacketException("too-short",
                            "identifier " + identifier + " needs a 12-byte header, got " + length + " bytes");
                }
                long eui = 0;
                for (int i = 4; i < HEADER_WITH_EUI; i++) {
                    eui = (eui << 8) | (data[i] & 0xFF);
                }
                byte[] json = identifier == PULL_DATA ? new byte[0] : Arrays.copyOfRange(data, HEADER_WITH_EUI, length);
                return new GwmpPacket(version, token, identifier, eui, json);
            }
            default -> throw new MalformedPacketException("unexpected-identifier",
                    "identifier 0x" + Integer.toHexString(identifier) + " is not sent by a concentrator to a server");
        }
    }

    /** A PULL_RESP carrying {@code json} (a {@code {"txpk":{...}}} object) with the given token. */
    static byte[] pullResponse(int version, int token, byte[] json) {
        byte[] packet = new byte[4 + json.length];
        packet[0] = (byte) version;
        packet[1] = (byte) (token >> 8);
        packet[2] = (byte) token;
        packet[3] = PULL_RESP;
        System.arraycopy(json, 0, packet, 4, json.length);
        return packet;
    }

    /** The 4-byte acknowledgement (PUSH_ACK or PULL_ACK) for this packet. */
    byte[] acknowledgement() {
        int ackIdentifier = identifier == PUSH_DATA ? PUSH_ACK : PULL_ACK;
        return new byte[] {(byte) version, (byte) (token >> 8), (byte) token, (byte) ackIdentifier};
    }

    String gatewayEuiHex() {
        return String.format("%016x", gatewayEui);
    }
}
