package fr.mutualis.hardware.simulator.mix;

/** What a simulated rxpk entry or datagram is, independently of what the gateway should do with it. */
public enum Category {
    /** An own device's data-up frame, within its rate allowance. */
    DATA_UP("data-up"),
    /** An own device that sends more data frames than the rate limit allows. */
    CHATTY_DATA_UP("chatty-data-up"),
    /** A join request whose JoinEUI is in the accepted range. */
    JOIN_REQUEST("join-request"),
    /** An own frame received with a payload CRC error (rxpk stat -1). */
    CRC_FAILED("crc-failed"),
    /** An own frame received without payload CRC (rxpk stat 0). */
    CRC_MISSING("crc-missing"),
    /** Bytes that are not a LoRaWAN R1 frame: bad major version, too short, FOpts overflowing. */
    NOT_LORAWAN("not-lorawan"),
    /** A neighbour's downlink (data down, join accept) picked up by the concentrator. */
    NOT_UPLINK("not-uplink"),
    /** A data-up frame of another network (DevAddr outside the NetID). */
    FOREIGN_NETID("foreign-netid"),
    /** A join request whose JoinEUI is outside the accepted range. */
    FOREIGN_JOINEUI("foreign-joineui"),
    /** An exact copy of a frame that is otherwise forwarded, heard again within 50 ms. */
    DUPLICATE("duplicate"),
    /** An rxpk entry the gateway cannot decode (bad base64, no data, size mismatch). */
    MALFORMED_RXPK("malformed-rxpk"),
    /** A PUSH_DATA datagram the gateway cannot decode (too short, unknown version, not JSON). */
    MALFORMED_DATAGRAM("malformed-datagram"),
    /** A well-formed PUSH_DATA datagram. */
    PUSH_DATA("push-data");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
