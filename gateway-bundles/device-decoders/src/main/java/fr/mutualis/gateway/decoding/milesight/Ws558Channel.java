package fr.mutualis.gateway.decoding.milesight;

/**
 * The uplink channels of the WS558: a channel id byte, a type byte, then a value of fixed length.
 * The format does not carry the length, so an unknown channel makes the rest of the payload
 * unreadable; that is why the table must list every channel the device sends.
 */
enum Ws558Channel {

    // Device information, sent after joining (id 0xFF).
    PROTOCOL_VERSION(0xFF, 0x01, 1, false),
    HARDWARE_VERSION(0xFF, 0x09, 2, false),
    FIRMWARE_VERSION(0xFF, 0x0A, 2, false),
    TSL_VERSION(0xFF, 0xFF, 2, false),
    SERIAL_NUMBER(0xFF, 0x16, 8, false),
    LORAWAN_CLASS(0xFF, 0x0F, 1, false),
    RESET_EVENT(0xFF, 0xFE, 1, false),
    DEVICE_STATUS(0xFF, 0x0B, 1, false),
    ENERGY_METERING_ENABLED(0xFF, 0x26, 1, false),

    // Telemetry: periodic report, switch change report, over-current alarm.
    VOLTAGE(0x03, 0x74, 2, true),
    ACTIVE_POWER(0x04, 0x80, 4, true),
    POWER_FACTOR(0x05, 0x81, 1, true),
    ENERGY(0x06, 0x83, 4, true),
    CURRENT(0x07, 0xC9, 2, true),
    SWITCHES(0x08, 0x31, 2, true);

    final int id;
    final int type;
    final int length;
    final boolean telemetry;

    Ws558Channel(int id, int type, int length, boolean telemetry) {
        this.id = id;
        this.type = type;
        this.length = length;
        this.telemetry = telemetry;
    }

    /** The channel with this id and type, or null if the WS558 documentation does not list it for uplinks. */
    static Ws558Channel of(int id, int type) {
        for (Ws558Channel channel : values()) {
            if (channel.id == id && channel.type == type) {
                return channel;
            }
        }
        return null;
    }
}
