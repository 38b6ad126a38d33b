package fr.mutualis.gateway.decoding.axioma;

import fr.mutualis.gateway.decoding.PayloadDecodingException;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static fr.mutualis.gateway.decoding.wire.ByteFields.uint32LittleEndian;
import static fr.mutualis.gateway.decoding.wire.ByteFields.uint8;

/**
 * The alarm packet on fPort 103, sent when an alarm rises: exactly 5 bytes.
 * <pre>
 * offset size  field                    key
 *  0     4     meter time, UTC seconds  meterTime (Instant)
 *  4     1     alarm flags              alarmByte (Long, raw) and one Boolean per documented bit:
 *              bit 0                    leakageAlarm
 *              bit 1                    burstAlarm
 *              bit 2                    freezeAlarm
 *              bit 3                    tamperAlarm
 *              bit 4                    noConsumptionAlarm
 *              bit 5                    backflowAlarm
 * </pre>
 * Unlike the status byte of the index reports, these are independent flags; bits 6–7 are not
 * documented and only kept in {@code alarmByte}.
 */
final class AlarmPacket {

    static final int LENGTH = 5;

    private AlarmPacket() {
    }

    static Map<String, Object> decode(byte[] frame) throws PayloadDecodingException {
        if (frame.length != LENGTH) {
            throw new PayloadDecodingException(
                    frame.length < LENGTH ? PayloadDecodingException.TOO_SHORT : PayloadDecodingException.BAD_LENGTH,
                    "Qalcosonic W1 alarm packet of " + frame.length + " bytes; expected exactly " + LENGTH);
        }
        int alarms = uint8(frame, 4);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("meterTime", Instant.ofEpochSecond(uint32LittleEndian(frame, 0)));
        values.put("alarmByte", (long) alarms);
        values.put("leakageAlarm", (alarms & 0x01) != 0);
        values.put("burstAlarm", (alarms & 0x02) != 0);
        values.put("freezeAlarm", (alarms & 0x04) != 0);
        values.put("tamperAlarm", (alarms & 0x08) != 0);
        values.put("noConsumptionAlarm", (alarms & 0x10) != 0);
        values.put("backflowAlarm", (alarms & 0x20) != 0);
        return values;
    }
}
