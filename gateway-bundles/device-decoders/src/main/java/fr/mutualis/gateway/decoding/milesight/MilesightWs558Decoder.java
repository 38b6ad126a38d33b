package fr.mutualis.gateway.decoding.milesight;

import fr.mutualis.gateway.decoding.DecodedPayload;
import fr.mutualis.gateway.decoding.PayloadDecoder;
import fr.mutualis.gateway.decoding.PayloadDecodingException;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static fr.mutualis.gateway.decoding.wire.ByteFields.hexByte;
import static fr.mutualis.gateway.decoding.wire.ByteFields.uint8;

/**
 * Payloads of the Milesight <b>WS558</b> smart light controller (8 switched lighting circuits with
 * metering; the WS558-LN variant adds over-current protection); device class
 * {@value #DEVICE_CLASS}.
 *
 * <h2>Where the format comes from</h2>
 * <ul>
 *   <li>Milesight, <i>WS558 Smart Light Controller User Guide</i>, chapter "Device Payload"
 *       (basic information, periodic report, switch change report, LN over-current alarm package;
 *       https://www.milesight.com/iot/product/lorawan-sensor/ws558).</li>
 *   <li>Milesight, payload definition and example in {@code ws-series/ws558/README.md} of
 *       https://github.com/Milesight-IoT/SensorDecoders.</li>
 * </ul>
 *
 * <h2>Format</h2>
 * A payload is a sequence of channels: channel id (1 byte), channel type (1 byte), a value of the
 * fixed length listed in {@code Ws558Channel}; multi-byte values little-endian and unsigned. The
 * device sends on its application port, 85 unless reconfigured.
 *
 * <h2>Messages decoded and their keys</h2>
 * <ul>
 *   <li>{@code status} — the periodic report (all telemetry channels) or any other telemetry mix:
 *       {@code voltageVolts} (Double, 0.1 V resolution), {@code activePowerWatts} (Long),
 *       {@code powerFactorPercent} (Long, 0…100), {@code energyWattHours} (Long, since the counter was
 *       last cleared), {@code currentMilliamps} (Long, total of the 8 circuits),
 *       {@code switch1On} … {@code switch8On} (Boolean, circuit L1…L8 closed = lamp powered) and
 *       {@code switchChangeMask} (Long, the first byte of the switch channel, one bit per circuit,
 *       "change" in the decoder documentation and "control allowed" in the user guide).</li>
 *   <li>{@code switch-change} — the switch channel alone, sent when any circuit changes state.</li>
 *   <li>{@code overcurrent-alarm} — exactly the current and switch channels with every circuit
 *       open: the package a WS558-LN sends after cutting all circuits because the current stayed
 *       above 13 A for 30 s. No other documented message has that shape.</li>
 *   <li>{@code device-info} — only device-information channels, sent after joining:
 *       {@code protocolVersion} (Long), {@code hardwareVersion}, {@code firmwareVersion},
 *       {@code tslVersion} (String, e.g. {@code v1.4}), {@code serialNumber} (String, 16 hex
 *       digits), {@code lorawanClass} (String A, B, C or CtoB), {@code resetEvent} and
 *       {@code deviceOn} (Boolean, true when present), {@code energyMeteringEnabled} (Boolean).
 *       A telemetry payload carrying some of these channels too is a {@code status} with both sets
 *       of keys.</li>
 * </ul>
 *
 * <h2>Deliberately not decoded</h2>
 * Replies to downlink commands (report interval, delay task, reboot and the other
 * {@code 0xFE}/{@code 0xFF} command echoes): their lengths differ between firmware versions and
 * local rules do not need them. Like any channel not listed above, they are rejected as
 * {@code unknown-channel}, because without the length the rest of the payload cannot be read.
 */
public final class MilesightWs558Decoder implements PayloadDecoder {

    public static final String DEVICE_CLASS = "milesight-ws558";
    public static final int DEFAULT_APPLICATION_PORT = 85;
    static final int SWITCH_COUNT = 8;

    private final int applicationPort;

    public MilesightWs558Decoder() {
        this(DEFAULT_APPLICATION_PORT);
    }

    /** For devices whose application port was changed from the default 85 with Milesight ToolBox. */
    public MilesightWs558Decoder(int applicationPort) {
        if (applicationPort < 1 || applicationPort > 223) {
            throw new IllegalArgumentException("application port " + applicationPort + " is outside 1..223");
        }
        this.applicationPort = applicationPort;
    }

    @Override
    public String deviceClass() {
        return DEVICE_CLASS;
    }

    @Override
    public DecodedPayload decode(int fPort, byte[] plaintext) throws PayloadDecodingException {
        Objects.requireNonNull(plaintext, "plaintext");
        if (fPort != applicationPort) {
            throw new PayloadDecodingException(PayloadDecodingException.UNKNOWN_FPORT,
                    "fPort " + fPort + " is not the WS558 application port " + applicationPort);
        }
        if (plaintext.length == 0) {
            throw new PayloadDecodingException(PayloadDecodingException.TOO_SHORT, "empty WS558 payload");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Set<Ws558Channel> seen = EnumSet.noneOf(Ws558Channel.class);
        int offset = 0;
        while (offset < plaintext.length) {
            Ws558Channel channel = channelAt(plaintext, offset);
            if (!seen.add(channel)) {
                throw new PayloadDecodingException(PayloadDecodingException.DUPLICATE_CHANNEL,
                        "WS558 channel " + channel + " appears twice (again at offset " + offset + ")");
            }
            int valueOffset = offset + 2;
            if (plaintext.length - valueOffset < channel.length) {
                throw new PayloadDecodingException(PayloadDecodingException.TRUNCATED, "WS558 channel " + channel
                        + " at offset " + offset + " needs " + channel.length + " value bytes, "
                        + (plaintext.length - valueOffset) + " left");
            }
            Ws558Values.put(channel, plaintext, valueOffset, values);
            offset = valueOffset + channel.length;
        }
        return new DecodedPayload(DEVICE_CLASS, messageType(seen, values), values);
    }

    private static Ws558Channel channelAt(byte[] payload, int offset) throws PayloadDecodingException {
        if (payload.length - offset < 2) {
            throw new PayloadDecodingException(PayloadDecodingException.TRUNCATED,
                    "WS558 channel header at offset " + offset + " needs 2 bytes, 1 left");
        }
        int id = uint8(payload, offset);
        int type = uint8(payload, offset + 1);
        Ws558Channel channel = Ws558Channel.of(id, type);
        if (channel == null) {
            throw new PayloadDecodingException(PayloadDecodingException.UNKNOWN_CHANNEL, "WS558 channel "
                    + hexByte(id) + " type " + hexByte(type) + " at offset " + offset + " is not a documented uplink channel");
        }
        return channel;
    }

    private static String messageType(Set<Ws558Channel> channels, Map<String, Object> values) {
        if (channels.stream().noneMatch(channel -> channel.telemetry)) {
            return "device-info";
        }
        if (channels.equals(EnumSet.of(Ws558Channel.SWITCHES))) {
            return "switch-change";
        }
        if (channels.equals(EnumSet.of(Ws558Channel.CURRENT, Ws558Channel.SWITCHES)) && allSwitchesOpen(values)) {
            return "overcurrent-alarm";
        }
        return "status";
    }

    private static boolean allSwitchesOpen(Map<String, Object> values) {
        for (int circuit = 1; circuit <= SWITCH_COUNT; circuit++) {
            if (Boolean.TRUE.equals(values.get("switch" + circuit + "On"))) {
                return false;
            }
        }
        return true;
    }
}
