package fr.mutualis.gateway.decoding.axioma;

import fr.mutualis.gateway.decoding.PayloadDecodingException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static fr.mutualis.gateway.decoding.wire.ByteFields.uint32LittleEndian;
import static fr.mutualis.gateway.decoding.wire.ByteFields.uint8;

/**
 * The "Enhanced 24h" daily index report on fPort 100: exactly 51 bytes, little-endian.
 * <pre>
 * offset size     field                                  key
 *  0     1        frame version, 1                       frameVersion (Long)
 *  1     4        meter time, UTC seconds                meterTime (Instant)
 *  5     1        status byte                            see {@link StatusByte}
 *  6     4        index logged at 01:00, litres          logIndexLitres (Long)
 * 10     41       23 hourly increments of 14 bits each,  logIncrementsLitres (List of 23 Long, oldest first)
 *                 packed least-significant bit first,
 *                 then 6 spare bits
 * </pre>
 * {@code indexLitres} (Long) is the last logged index: the 01:00 index plus the 23 increments.
 */
final class EnhancedDailyFrame {

    static final int LENGTH = 51;
    static final int VERSION = 1;
    static final int INCREMENTS = 23;
    private static final int INCREMENT_BITS = 14;
    private static final int PACKED_OFFSET = 10;

    private EnhancedDailyFrame() {
    }

    static Map<String, Object> decode(byte[] frame) throws PayloadDecodingException {
        int version = uint8(frame, 0);
        if (version != VERSION) {
            throw new PayloadDecodingException(PayloadDecodingException.UNSUPPORTED_VERSION,
                    "Qalcosonic W1 51-byte daily report with frame version " + version + "; only version 1 is known");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("frameVersion", (long) version);
        values.put("meterTime", Instant.ofEpochSecond(uint32LittleEndian(frame, 1)));
        StatusByte.describe(uint8(frame, 5), values);
        long logIndex = uint32LittleEndian(frame, 6);
        List<Long> increments = new ArrayList<>(INCREMENTS);
        long index = logIndex;
        for (int i = 0; i < INCREMENTS; i++) {
            long increment = bits(frame, PACKED_OFFSET * 8 + i * INCREMENT_BITS, INCREMENT_BITS);
            increments.add(increment);
            index += increment;
        }
        values.put("indexLitres", index);
        values.put("logIndexLitres", logIndex);
        values.put("logIncrementsLitres", increments);
        return values;
    }

    /** {@code count} bits from bit position {@code first}, bit 0 being the lowest bit of byte 0. */
    private static long bits(byte[] frame, int first, int count) {
        long value = 0;
        for (int i = 0; i < count; i++) {
            int position = first + i;
            if ((frame[position >>> 3] >>> (position & 7) & 1) != 0) {
                value |= 1L << i;
            }
        }
        return value;
    }
}
