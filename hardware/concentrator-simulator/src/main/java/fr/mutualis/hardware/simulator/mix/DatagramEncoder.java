package fr.mutualis.hardware.simulator.mix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import fr.mutualis.hardware.simulator.gwmp.Gwmp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Turns planned datagrams into bytes: GWMP header with a unique token, then the JSON body in the
 * layout of one forwarder (chosen per datagram), or the broken bytes of a malformed datagram.
 */
final class DatagramEncoder {

    private final MixConfig config;
    private final Random random;
    private final FrameFactory factory;
    private final JsonFactory json = new JsonFactory();
    private final RxpkWriter rxpkWriter = new RxpkWriter();
    private final StatWriter statWriter = new StatWriter();
    private final Set<Integer> tokensUsed = new HashSet<>();
    private final Map<Entry, Integer> frameSeqs = new IdentityHashMap<>();

    DatagramEncoder(MixConfig config, Random random, FrameFactory factory) {
        this.config = config;
        this.random = random;
        this.factory = factory;
    }

    List<MixDatagram> encode(List<DatagramPacker.Planned> planned) {
        List<MixDatagram> datagrams = new ArrayList<>();
        for (DatagramPacker.Planned plan : planned) {
            int seq = datagrams.size();
            datagrams.add(plan.malformation() == null ? pushData(seq, plan) : malformed(seq, plan.malformation()));
        }
        return datagrams;
    }

    private MixDatagram pushData(int seq, DatagramPacker.Planned plan) {
        boolean variety = config.formatVariety();
        RxpkFormat format = variety ? chooseFormat() : RxpkFormat.SEMTECH;
        // Protocol v1 forwarders (basic_pkt_fwd era) only ever wrote the original fields.
        int version = variety && format == RxpkFormat.SEMTECH && random.nextInt(5) == 0 ? 1 : 2;
        boolean gps = variety && random.nextInt(10) < 6;
        RxpkWriter.Clock clock = new RxpkWriter.Clock(gps, !variety || random.nextBoolean());
        boolean withStat = variety && random.nextInt(10) == 0;
        int token = newToken();

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<MixFrame> frames = new ArrayList<>();
        try (JsonGenerator g = json.createGenerator(body)) {
            g.writeStartObject();
            g.writeArrayFieldStart("rxpk");
            for (Entry entry : plan.entries()) {
                rxpkWriter.write(g, entry, format, clock, random);
                statWriter.count(entry);
                frames.add(frame(entry, seq, token, frames.size(), format, clock.gps() || clock.hostTime()));
            }
            g.writeEndArray();
            if (withStat) {
                statWriter.write(g, plan.entries().get(plan.entries().size() - 1).time, format == RxpkFormat.SX1302);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] bytes = Gwmp.datagram(version, token, Gwmp.PUSH_DATA, config.gatewayEui(), body.toByteArray());
        return new MixDatagram(seq, token, version, Category.PUSH_DATA, null, plan.chained(), withStat, frames, bytes);
    }

    private MixFrame frame(Entry e, int datagramSeq, int token, int index, RxpkFormat format, boolean withTime) {
        int seq = frameSeqs.size();
        frameSeqs.put(e, seq);
        String label = e.modulation == Modulation.LORA ? format.label
                : format.label + "+" + e.modulation.modu.toLowerCase(Locale.ROOT);
        return new MixFrame(seq, datagramSeq, token, index, e.category, e.expected, e.devAddr, e.devEui, e.joinEui,
                e.fCnt, e.fPort, e.mType, e.phyPayload, e.crcStatus, e.tmst, withTime ? e.time : null, label,
                e.duplicateOf == null ? null : frameSeqs.get(e.duplicateOf));
    }

    private MixDatagram malformed(int seq, Malformation kind) {
        int token = newToken();
        byte[] bytes = switch (kind) {
            case TOO_SHORT -> tooShort(token);
            case UNKNOWN_VERSION -> Gwmp.datagram(random.nextBoolean() ? 0 : 3 + random.nextInt(253), token,
                    Gwmp.PUSH_DATA, config.gatewayEui(), plausibleBody());
            case BAD_JSON -> Gwmp.datagram(2, token, Gwmp.PUSH_DATA, config.gatewayEui(), notJson());
            default -> throw new IllegalArgumentException(kind + " is not a datagram malformation");
        };
        return new MixDatagram(seq, bytes.length >= 3 ? token : -1, bytes[0] & 0xFF, Category.MALFORMED_DATAGRAM,
                kind.outcome(), false, false, List.of(), bytes);
    }

    /** A PUSH_DATA cut before the end of its 12-byte header (4 to 11 bytes). */
    private byte[] tooShort(int token) {
        byte[] full = Gwmp.datagram(2, token, Gwmp.PUSH_DATA, config.gatewayEui(), new byte[0]);
        return Arrays.copyOf(full, 4 + random.nextInt(8));
    }

    /** A JSON body a real forwarder could have sent, so that only the version byte is wrong. */
    private byte[] plausibleBody() {
        String data = Base64.getEncoder().encodeToString(factory.junkFrame());
        return ("{\"rxpk\":[{\"tmst\":" + (random.nextInt() & 0xFFFF_FFFFL) + ",\"chan\":0,\"rfch\":1,\"freq\":868.100000,"
                + "\"stat\":1,\"modu\":\"LORA\",\"datr\":\"SF7BW125\",\"codr\":\"4/5\",\"lsnr\":9.5,\"rssi\":-61,\"size\":"
                + Base64.getDecoder().decode(data).length + ",\"data\":\"" + data + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Either a JSON document cut short (a truncated datagram) or bytes that are not JSON at all. */
    private byte[] notJson() {
        if (random.nextBoolean()) {
            String data = Base64.getEncoder().encodeToString(factory.junkFrame());
            String full = "{\"rxpk\":[{\"tmst\":" + (random.nextInt() & 0xFFFF_FFFFL)
                    + ",\"freq\":868.300000,\"stat\":1,\"modu\":\"LORA\",\"datr\":\"SF9BW125\",\"data\":\"" + data + "\"}]}";
            return full.substring(0, full.length() / 2 + random.nextInt(full.length() / 3)).getBytes(StandardCharsets.UTF_8);
        }
        byte[] garbage = new byte[8 + random.nextInt(24)];
        random.nextBytes(garbage);
        garbage[0] = (byte) 0xFF; // never a valid first byte of UTF-8 JSON
        return garbage;
    }

    private RxpkFormat chooseFormat() {
        int draw = random.nextInt(100);
        if (draw < 45) {
            return RxpkFormat.SEMTECH;
        }
        if (draw < 75) {
            return RxpkFormat.SX1302;
        }
        return draw < 90 ? RxpkFormat.MULTI_ANTENNA : RxpkFormat.META;
    }

    /** Distinct tokens while they last, so that every PUSH_ACK names one datagram. */
    private int newToken() {
        int token;
        do {
            token = random.nextInt(0x10000);
        } while (tokensUsed.size() < 0x10000 && !tokensUsed.add(token));
        return token;
    }
}
