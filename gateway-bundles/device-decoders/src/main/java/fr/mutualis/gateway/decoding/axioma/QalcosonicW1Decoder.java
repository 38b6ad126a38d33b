package fr.mutualis.gateway.decoding.axioma;

import fr.mutualis.gateway.decoding.DecodedPayload;
import fr.mutualis.gateway.decoding.PayloadDecoder;
import fr.mutualis.gateway.decoding.PayloadDecodingException;

import java.util.Objects;

/**
 * Payloads of the Axioma Metering <b>Qalcosonic W1</b> ultrasonic water meter with its LoRaWAN
 * module (EU868); device class {@value #DEVICE_CLASS}.
 *
 * <h2>Where the format comes from</h2>
 * <ul>
 *   <li>Axioma Metering UAB, <i>Ultrasonic water meter Qalcosonic W1 — Lora Payload (Long)
 *       "Extended"</i>, document "W1 LORA PAYLOAD EXTENDED", release V01.8 of 2020-04-06:
 *       section 2 (decoding the payload), 3 (device alarms) and 6 (example of decoding payload).
 *       The status-byte and alarm-packet tables were cross-checked against independent public
 *       decoders of the same document, because the copies in circulation differ in details.</li>
 *   <li>The Things Network device repository, {@code vendor/axioma/qalcosonic-w1-codec.yaml}
 *       (https://github.com/TheThingsNetwork/lorawan-devices/tree/master/vendor/axioma): the
 *       "Enhanced 24h" daily frame of current firmware, with a published example and its values.</li>
 * </ul>
 *
 * <h2>Messages decoded</h2>
 * <ul>
 *   <li>{@code index-report} — fPort 100, "Extended" frame, 17 + 2n bytes (n = 0…15): meter time,
 *       status byte, current index, the index logged at the start of the log series and up to
 *       15 increments, one per log period (1 hour by default). Layout in {@code ExtendedFrame}.</li>
 *   <li>{@code daily-index-report} — fPort 100, "Enhanced 24h" frame, 51 bytes starting with frame
 *       version 1: meter time, status byte, the index logged at 01:00 and 23 hourly increments
 *       packed on 14 bits. Layout in {@code EnhancedDailyFrame}.</li>
 *   <li>{@code alarm} — fPort 103, 5 bytes: meter time and the alarm flags, sent as soon as an
 *       alarm rises. Layout in {@code AlarmPacket}.</li>
 * </ul>
 * Every index is in litres, unsigned 32-bit; times are the meter's clock (UTC seconds).
 * The status byte of the two index reports is described in {@code StatusByte}.
 *
 * <h2>Deliberately not decoded</h2>
 * <ul>
 *   <li>fPort 101 (configuration parameters): rejected as {@code unsupported-fport}; local rules
 *       do not need it and its layout depends on the firmware.</li>
 *   <li>The "Extended with temperature" variant: it has the same 47-byte length as the 15-increment
 *       Extended frame and nothing in its bytes tells them apart, so meters of this class must be
 *       configured without it (a separate device class would be needed for it).</li>
 *   <li>The timestamps of the individual increments: the log period is a meter setting that the
 *       frame does not carry, so they are reported as a list in order, oldest first.</li>
 *   <li>The six spare bits after the 23 increments of the Enhanced frame, which no published
 *       document explains.</li>
 * </ul>
 */
public final class QalcosonicW1Decoder implements PayloadDecoder {

    public static final String DEVICE_CLASS = "qalcosonic-w1";

    static final int INDEX_PORT = 100;
    static final int CONFIGURATION_PORT = 101;
    static final int ALARM_PORT = 103;

    @Override
    public String deviceClass() {
        return DEVICE_CLASS;
    }

    @Override
    public DecodedPayload decode(int fPort, byte[] plaintext) throws PayloadDecodingException {
        Objects.requireNonNull(plaintext, "plaintext");
        return switch (fPort) {
            case INDEX_PORT -> indexReport(plaintext);
            case ALARM_PORT -> new DecodedPayload(DEVICE_CLASS, "alarm", AlarmPacket.decode(plaintext));
            case CONFIGURATION_PORT -> throw new PayloadDecodingException(PayloadDecodingException.UNSUPPORTED_FPORT,
                    "fPort 101 carries the Qalcosonic W1 configuration parameters, which are not decoded");
            default -> throw new PayloadDecodingException(PayloadDecodingException.UNKNOWN_FPORT,
                    "fPort " + fPort + " is not used by the Qalcosonic W1 (index reports on 100, alarms on 103)");
        };
    }

    private static DecodedPayload indexReport(byte[] frame) throws PayloadDecodingException {
        // The two fPort-100 formats cannot collide: an Extended frame is at most 47 bytes.
        if (frame.length == EnhancedDailyFrame.LENGTH) {
            return new DecodedPayload(DEVICE_CLASS, "daily-index-report", EnhancedDailyFrame.decode(frame));
        }
        return new DecodedPayload(DEVICE_CLASS, "index-report", ExtendedFrame.decode(frame));
    }
}
