package fr.mutualis.hardware.simulator.mix;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/**
 * Writes one rxpk object in a forwarder's layout. Numbers are written as that forwarder prints
 * them ({@code 868.100000} from C's {@code %.6f}, {@code 868.1} from a JSON library), never as
 * strings: no forwarder we checked quotes numbers.
 */
final class RxpkWriter {

    /** GPS time runs ahead of UTC by the leap seconds since 1980-01-06: 18 since 2017. */
    private static final long GPS_EPOCH_UNIX_MILLIS = 315_964_800_000L;
    private static final long GPS_LEAP_MILLIS = 18_000L;
    private static final DateTimeFormatter COMPACT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /** EU868 default channels 0-2 on radio 1, the five extra ones on radio 0, as in the usual SX1302 configuration. */
    private static final long[] CHANNEL_HZ = {868_100_000, 868_300_000, 868_500_000, 867_100_000, 867_300_000,
            867_500_000, 867_700_000, 867_900_000};

    /** How the datagram's forwarder reports time: GPS-synchronised, host clock only, or no time at all. */
    record Clock(boolean gps, boolean hostTime) {
    }

    void write(JsonGenerator g, Entry e, RxpkFormat format, Clock clock, Random random) throws IOException {
        g.writeStartObject();
        boolean sixDecimals = format != RxpkFormat.META;
        if (format == RxpkFormat.SX1302) {
            g.writeNumberField("jver", 1);
        } else if (format == RxpkFormat.MULTI_ANTENNA) {
            g.writeNumberField("jver", 2);
        }
        g.writeNumberField("tmst", e.tmst);
        if (format == RxpkFormat.SX1302 && clock.gps() && random.nextBoolean()) {
            g.writeNumberField("ftime", Math.min(999_999_999, e.time.getNano() + random.nextInt(1_000)));
        }
        if (clock.gps() || clock.hostTime()) {
            g.writeStringField("time", COMPACT_TIME.format(e.time));
        }
        if (clock.gps() && format != RxpkFormat.META) {
            g.writeNumberField("tmms", gpsMillis(e.time));
        }
        g.writeNumberField("chan", e.chan);
        g.writeNumberField("rfch", rfChain(e));
        writeFrequency(g, frequencyHz(e), sixDecimals);
        if (format == RxpkFormat.SX1302) {
            g.writeNumberField("mid", e.chan);
        }
        g.writeNumberField("stat", e.crcStatus);
        g.writeStringField("modu", e.modulation.modu);
        writeDataRate(g, e);
        if (e.modulation != Modulation.FSK) {
            if (format == RxpkFormat.SX1302) {
                g.writeNumberField("rssis", e.rssi - random.nextInt(4));
            }
            if (e.modulation == Modulation.LORA) {
                g.writeFieldName("lsnr");
                g.writeNumber(String.format(Locale.ROOT, "%.1f", e.snr));
            }
            if (format == RxpkFormat.SX1302) {
                g.writeNumberField("foff", random.nextInt(4001) - 2000);
            }
        }
        g.writeNumberField("rssi", e.rssi);
        writePayload(g, e, random);
        if (format == RxpkFormat.MULTI_ANTENNA) {
            writeAntennas(g, e, random);
        }
        if (format == RxpkFormat.META) {
            g.writeObjectFieldStart("meta");
            g.writeStringField("gateway_name", "mutualis-sim");
            g.writeStringField("region_config_id", "eu868");
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static String compactTime(Instant time) {
        return COMPACT_TIME.format(time);
    }

    static long gpsMillis(Instant time) {
        return time.toEpochMilli() - GPS_EPOCH_UNIX_MILLIS + GPS_LEAP_MILLIS;
    }

    private static int rfChain(Entry e) {
        return e.modulation == Modulation.LORA && e.chan >= 3 ? 0 : 1;
    }

    private static long frequencyHz(Entry e) {
        return switch (e.modulation) {
            case LORA -> CHANNEL_HZ[e.chan];
            case FSK -> 868_800_000L;
            case LR_FHSS -> 868_100_000L + 200_000L * (e.tmst % 3); // DR8/DR9 channels 868.1, 868.3, 868.5
        };
    }

    private static void writeFrequency(JsonGenerator g, long hertz, boolean sixDecimals) throws IOException {
        g.writeFieldName("freq");
        if (sixDecimals) {
            g.writeNumber(String.format(Locale.ROOT, "%.6f", hertz / 1e6));
        } else {
            g.writeNumber(hertz / 1e6);
        }
    }

    /** LoRa: "SF7BW125" and a coding rate; FSK: bits per second as a number; LR-FHSS: "M0CW137", coding rate and hopping grid. */
    private static void writeDataRate(JsonGenerator g, Entry e) throws IOException {
        switch (e.modulation) {
            case LORA -> {
                g.writeStringField("datr", "SF" + e.spreadingFactor + "BW125");
                g.writeStringField("codr", "4/5");
            }
            case FSK -> g.writeNumberField("datr", 50_000);
            case LR_FHSS -> {
                g.writeStringField("datr", "M0CW137");
                g.writeStringField("codr", e.tmst % 2 == 0 ? "1/3" : "2/3");
                g.writeNumberField("hpw", 52);
            }
        }
    }

    private static void writePayload(JsonGenerator g, Entry e, Random random) throws IOException {
        Malformation broken = e.malformation;
        int size = e.phyPayload.length;
        if (broken == Malformation.RXPK_SIZE_MISMATCH) {
            size = random.nextBoolean() && size > 1 ? size - 1 : size + 1 + random.nextInt(3);
        }
        g.writeNumberField("size", size);
        if (broken == Malformation.RXPK_MISSING_DATA) {
            return;
        }
        String data = Base64.getEncoder().encodeToString(e.phyPayload);
        g.writeStringField("data", broken == Malformation.RXPK_BAD_BASE64 ? undecodable(data) : data);
    }

    /**
     * Base64 no decoder accepts, strict or lenient: characters outside the alphabet, and a count
     * of valid characters that leaves one dangling 6-bit group (length = 1 modulo 4).
     */
    static String undecodable(String base64) {
        String bare = base64.replace("=", "");
        String padded = switch (bare.length() % 4) {
            case 0 -> bare + "A";
            case 2 -> bare + "AAA";
            case 3 -> bare + "AA";
            default -> bare;
        };
        int middle = padded.length() / 2;
        return padded.substring(0, middle) + "!*" + padded.substring(middle);
    }

    /** One or two antennas, each with its channel RSSI and SNR; some with an encrypted fine timestamp. */
    private static void writeAntennas(JsonGenerator g, Entry e, Random random) throws IOException {
        int antennas = 1 + random.nextInt(2);
        boolean fineTimestamps = random.nextBoolean();
        g.writeNumberField("brd", 0);
        if (fineTimestamps) {
            g.writeNumberField("aesk", 0);
        }
        g.writeArrayFieldStart("rsig");
        for (int ant = 0; ant < antennas; ant++) {
            g.writeStartObject();
            g.writeNumberField("ant", ant);
            g.writeNumberField("chan", e.chan);
            int channelRssi = e.rssi - (ant == 0 ? 0 : random.nextInt(9));
            g.writeNumberField("rssic", channelRssi);
            g.writeNumberField("rssis", channelRssi - 1 - random.nextInt(4)); // signal RSSI sits below channel RSSI
            if (e.modulation == Modulation.LORA) {
                g.writeFieldName("lsnr");
                g.writeNumber(String.format(Locale.ROOT, "%.1f", e.snr - (ant == 0 ? 0 : random.nextInt(30) / 10.0)));
            }
            if (fineTimestamps) {
                byte[] encrypted = new byte[16];
                random.nextBytes(encrypted);
                g.writeStringField("etime", Base64.getEncoder().encodeToString(encrypted));
                g.writeNumberField("ftstat", 0);
            }
            g.writeNumberField("foff", random.nextInt(4001) - 2000);
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
