package fr.mutualis.gateway.decoding.axioma;

import fr.mutualis.gateway.decoding.PayloadDecodingException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static fr.mutualis.gateway.decoding.wire.ByteFields.uint16LittleEndian;
import static fr.mutualis.gateway.decoding.wire.ByteFields.uint32LittleEndian;
import static fr.mutualis.gateway.decoding.wire.ByteFields.uint8;

/**
 * The "Extended" index report on fPort 100, all fields little-endian:
 * <pre>
 * offset size  field                      key
 *  0     4     meter time, UTC seconds    meterTime (Instant)
 *  4     1     status byte                see {@link StatusByte}
 *  5     4     current index, litres      indexLitres (Long)
 *  9     4     log time, UTC seconds      logTime (Instant)
 * 13     4     index at log time, litres  logIndexLitres (Long)
 * 17     2 × n increment per log period   logIncrementsLitres (List of Long, oldest first), n = 0…15
 * </pre>
 * The meter sends as many increments as log periods have elapsed since the log time, at most 15.
 */
final class ExtendedFrame {

    static final int HEADER_LENGTH = 17;
    static final int MAX_INCREMENTS = 15;

    private ExtendedFrame() {
    }

    static Map<String, Object> decode(byte[] frame) throws PayloadDecodingException {
        if (frame.length < HEADER_LENGTH) {
            throw new PayloadDecodingException(PayloadDecodingException.TOO_SHORT, "Qalcosonic W1 index report of "
                    + frame.length + " bytes; at least " + HEADER_LENGTH + " needed (time, status, index, log time, log index)");
        }
        int incrementBytes = frame.length - HEADER_LENGTH;
        if (incrementBytes % 2 != 0 || incrementBytes / 2 > MAX_INCREMENTS) {
            throw new PayloadDecodingException(PayloadDecodingException.BAD_LENGTH, "Qalcosonic W1 index report of "
                    + frame.length + " bytes; expected 17 + 2 × n bytes with n ≤ 15 (Extended) or 51 bytes (Enhanced 24h)");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("meterTime", Instant.ofEpochSecond(uint32LittleEndian(frame, 0)));
        StatusByte.describe(uint8(frame, 4), values);
        values.put("indexLitres", uint32LittleEndian(frame, 5));
        values.put("logTime", Instant.ofEpochSecond(uint32LittleEndian(frame, 9)));
        values.put("logIndexLitres", uint32LittleEndian(frame, 13));
        List<Long> increments = new ArrayList<>(incrementBytes / 2);
        for (int offset = HEADER_LENGTH; offset < frame.length; offset += 2) {
            increments.add((long) uint16LittleEndian(frame, offset));
        }
        values.put("logIncrementsLitres", increments);
        return values;
    }
}
