package fr.mutualis.hardware.simulator.downlink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a PULL_RESP body the way a packet forwarder does before it queues the transmission.
 * Structural faults (not JSON, a mandatory field missing or of the wrong type, undecodable data)
 * make the forwarder abort without a TX_ACK; here they come back as a rejection reason such as
 * {@code missing-freq} or {@code bad-base64}. Unlike Semtech's forwarder, which only warns,
 * a {@code size} that differs from the decoded data is a rejection ({@code size-mismatch}).
 */
public final class TxpkParser {

    /** The result: a txpk, or the reason it was refused. */
    public record Result(Txpk txpk, String rejection) {
        public boolean accepted() {
            return txpk != null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LORA_DATA_RATE = Pattern.compile("SF(5|6|7|8|9|10|11|12)BW(125|250|500)");
    /** Semtech's forwarder also reads 2/3 and 1/2 as 4/6 and 4/8. */
    private static final Set<String> CODING_RATES = Set.of("4/5", "4/6", "4/7", "4/8", "2/3", "1/2");

    private TxpkParser() {
    }

    public static Result parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return rejected("bad-json");
        }
        if (root == null || !root.isObject()) {
            return rejected("bad-json");
        }
        JsonNode txpk = root.get("txpk");
        if (txpk == null || !txpk.isObject()) {
            return rejected("no-txpk");
        }
        try {
            return new Result(read(txpk), null);
        } catch (Refused refused) {
            return rejected(refused.getMessage());
        }
    }

    private static Txpk read(JsonNode t) throws Refused {
        boolean immediate = optionalBoolean(t, "imme", false);
        Long tmst = optionalLong(t, "tmst");
        Long tmms = optionalLong(t, "tmms");
        String time = optionalText(t, "time");
        if (!immediate && tmst == null && tmms == null && time == null) {
            throw new Refused("missing-timing");
        }
        double frequency = requiredNumber(t, "freq").doubleValue();
        if (frequency <= 0) {
            throw new Refused("bad-freq");
        }
        int rfChain = requiredInt(t, "rfch");
        Integer power = t.has("powe") ? requiredInt(t, "powe") : null;
        String modulation = requiredText(t, "modu");
        String dataRate;
        String codingRate = null;
        if (modulation.equals("LORA")) {
            dataRate = requiredText(t, "datr");
            if (!LORA_DATA_RATE.matcher(dataRate).matches()) {
                throw new Refused("bad-datr");
            }
            codingRate = requiredText(t, "codr");
            if (!CODING_RATES.contains(codingRate)) {
                throw new Refused("bad-codr");
            }
        } else if (modulation.equals("FSK")) {
            dataRate = Long.toString(requiredNumber(t, "datr").longValue());
            requiredNumber(t, "fdev");
        } else {
            throw new Refused("bad-modu");
        }
        Boolean invertPolarity = t.has("ipol") ? optionalBoolean(t, "ipol", false) : null;
        Integer preamble = t.has("prea") ? requiredInt(t, "prea") : null;
        Boolean noCrc = t.has("ncrc") ? optionalBoolean(t, "ncrc", false) : null;
        int size = requiredInt(t, "size");
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(requiredText(t, "data")); // padding optional, as the spec allows
        } catch (IllegalArgumentException e) {
            throw new Refused("bad-base64");
        }
        if (payload.length != size) {
            throw new Refused("size-mismatch");
        }
        return new Txpk(immediate, tmst, tmms, time, frequency, rfChain, power, modulation, dataRate, codingRate,
                invertPolarity, preamble, noCrc, payload);
    }

    private static Number requiredNumber(JsonNode t, String field) throws Refused {
        JsonNode node = t.get(field);
        if (node == null || node.isNull()) {
            throw new Refused("missing-" + field);
        }
        if (!node.isNumber()) {
            throw new Refused("bad-" + field);
        }
        return node.numberValue();
    }

    private static int requiredInt(JsonNode t, String field) throws Refused {
        Number number = requiredNumber(t, field);
        if (!t.get(field).isIntegralNumber() || number.longValue() < Integer.MIN_VALUE || number.longValue() > Integer.MAX_VALUE) {
            throw new Refused("bad-" + field);
        }
        return number.intValue();
    }

    private static String requiredText(JsonNode t, String field) throws Refused {
        JsonNode node = t.get(field);
        if (node == null || node.isNull()) {
            throw new Refused("missing-" + field);
        }
        if (!node.isTextual()) {
            throw new Refused("bad-" + field);
        }
        return node.textValue();
    }

    private static Long optionalLong(JsonNode t, String field) throws Refused {
        JsonNode node = t.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || node.longValue() < 0) {
            throw new Refused("bad-" + field);
        }
        return node.longValue();
    }

    private static String optionalText(JsonNode t, String field) throws Refused {
        JsonNode node = t.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Refused("bad-" + field);
        }
        return node.textValue();
    }

    private static boolean optionalBoolean(JsonNode t, String field, boolean absent) throws Refused {
        JsonNode node = t.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw new Refused("bad-" + field);
        }
        return node.booleanValue();
    }

    private static Result rejected(String reason) {
        return new Result(null, reason);
    }

    /** A txpk field that makes the forwarder abort; the message is the rejection reason. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }
}
