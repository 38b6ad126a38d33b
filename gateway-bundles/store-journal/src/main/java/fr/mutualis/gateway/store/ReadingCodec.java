package fr.mutualis.gateway.store;

import fr.mutualis.contract.Priority;
import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.contract.Reading;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The binary form of a reading inside the journal: compact (a 12-byte frame with typical radio
 * metadata costs about 70 bytes of overhead) and exact (every field round-trips bit for bit,
 * the receive time to the microsecond).
 *
 * <pre>
 * u64 seq | i64 receivedAt (µs since epoch) | u16 payload length | payload | u16 radio presence bits | radio fields
 * </pre>
 * Radio fields follow in declaration order, each only when its bit is set: frequency u32,
 * modulation/dataRate/codingRate as u8 length + UTF-8, rssi i16, snr f64, channel i16,
 * rfChain i16, concentrator timestamp i64, crc status i8, gateway time as u8 length + UTF-8,
 * GPS time i64, fine timestamp i64, antenna i16. Bits added later are only ever appended, so
 * records written before a field existed decode unchanged.
 */
final class ReadingCodec {

    private ReadingCodec() {
    }

    /** A bound on {@link #encode}'s output, cheap to compute: strings count as at most 256 bytes. */
    static int maxEncodedSize(Reading reading) {
        return 8 + 8 + 2 + reading.payload().length + 2 + (reading.radio() == null ? 0 : 4 + 2 + 8 + 2 + 2 + 8 + 1 + 4 * 256 + 8 + 8 + 2);
    }

    static void encode(Reading reading, ByteBuffer out) {
        if (reading.payload().length > 0xFFFF) {
            throw new IllegalArgumentException("payload of " + reading.payload().length + " bytes exceeds 65535");
        }
        Instant time = reading.receivedAt();
        out.putLong(reading.seq());
        out.putLong(ChronoUnit.MICROS.between(Instant.EPOCH, time));
        out.putShort((short) reading.payload().length);
        out.put(reading.payload());
        RadioMetadata radio = reading.radio();
        if (radio == null) {
            out.putShort((short) 0);
            return;
        }
        int presence = bit(radio.frequencyHz(), 0) | bit(radio.modulation(), 1) | bit(radio.dataRate(), 2)
                | bit(radio.codingRate(), 3) | bit(radio.rssi(), 4) | bit(radio.snr(), 5) | bit(radio.channel(), 6)
                | bit(radio.rfChain(), 7) | bit(radio.concentratorTimestamp(), 8) | bit(radio.crcStatus(), 9)
                | bit(radio.gatewayTime(), 10) | bit(radio.gpsTimeMillis(), 11) | bit(radio.fineTimestampNanos(), 12)
                | bit(radio.antenna(), 13) | 0x8000;
        out.putShort((short) presence);
        if (radio.frequencyHz() != null) {
            out.putInt((int) radio.frequencyHz().longValue());
        }
        putString(out, radio.modulation());
        putString(out, radio.dataRate());
        putString(out, radio.codingRate());
        if (radio.rssi() != null) {
            out.putShort(radio.rssi().shortValue());
        }
        if (radio.snr() != null) {
            out.putDouble(radio.snr());
        }
        if (radio.channel() != null) {
            out.putShort(radio.channel().shortValue());
        }
        if (radio.rfChain() != null) {
            out.putShort(radio.rfChain().shortValue());
        }
        if (radio.concentratorTimestamp() != null) {
            out.putLong(radio.concentratorTimestamp());
        }
        if (radio.crcStatus() != null) {
            out.put(radio.crcStatus().byteValue());
        }
        putString(out, radio.gatewayTime());
        if (radio.gpsTimeMillis() != null) {
            out.putLong(radio.gpsTimeMillis());
        }
        if (radio.fineTimestampNanos() != null) {
            out.putLong(radio.fineTimestampNanos());
        }
        if (radio.antenna() != null) {
            out.putShort(radio.antenna().shortValue());
        }
    }

    /**
     * Decodes one body as written by {@link #encode}; the lane the record was read from gives the
     * priority. {@code late} is decided by the forwarder at delivery time.
     *
     * @throws IllegalArgumentException when the bytes are not a valid body (checked by CRC first,
     *                                  so this means a bug or a format change)
     */
    static Reading decode(ByteBuffer in, Priority priority) {
        try {
            long seq = in.getLong();
            Instant receivedAt = Instant.EPOCH.plus(in.getLong(), ChronoUnit.MICROS);
            byte[] payload = new byte[Short.toUnsignedInt(in.getShort())];
            in.get(payload);
            int presence = Short.toUnsignedInt(in.getShort());
            RadioMetadata radio = null;
            if ((presence & 0x8000) != 0) {
                radio = new RadioMetadata(
                        has(presence, 0) ? Integer.toUnsignedLong(in.getInt()) : null,
                        has(presence, 1) ? getString(in) : null,
                        has(presence, 2) ? getString(in) : null,
                        has(presence, 3) ? getString(in) : null,
                        has(presence, 4) ? (int) in.getShort() : null,
                        has(presence, 5) ? in.getDouble() : null,
                        has(presence, 6) ? (int) in.getShort() : null,
                        has(presence, 7) ? (int) in.getShort() : null,
                        has(presence, 8) ? in.getLong() : null,
                        has(presence, 9) ? (int) in.get() : null,
                        has(presence, 10) ? getString(in) : null,
                        has(presence, 11) ? in.getLong() : null,
                        has(presence, 12) ? in.getLong() : null,
                        has(presence, 13) ? (int) in.getShort() : null);
            }
            return new Reading(seq, receivedAt, false, priority, payload, radio);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed journal record: " + e, e);
        }
    }

    private static int bit(Object value, int position) {
        return value == null ? 0 : 1 << position;
    }

    private static boolean has(int presence, int position) {
        return (presence & (1 << position)) != 0;
    }

    private static void putString(ByteBuffer out, String value) {
        if (value == null) {
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(255, bytes.length);
        out.put((byte) length);
        out.put(bytes, 0, length);
    }

    private static String getString(ByteBuffer in) {
        byte[] bytes = new byte[Byte.toUnsignedInt(in.get())];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
