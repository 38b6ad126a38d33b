package fr.mutualis.gateway.pipeline;

import fr.mutualis.contract.Priority;
import fr.mutualis.gateway.lorawan.DevAddrPrefix;
import fr.mutualis.gateway.lorawan.EuiRange;
import fr.mutualis.gateway.lorawan.MType;
import fr.mutualis.gateway.lorawan.NetId;
import fr.mutualis.gateway.lorawan.PhyPayload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One rule choosing a lane: {@code LANE condition [condition...]}, all conditions must hold.
 * Conditions: {@code fport=N} or {@code fport=N-M}, {@code devaddr=26011a00/24},
 * {@code netid=000013}, {@code mtype=join|data|confirmed|unconfirmed}, {@code joineui=A-B},
 * {@code deveui=A-B} (a single EUI or a range). Examples: {@code ALARM fport=99},
 * {@code BULK devaddr=26012000/20 fport=200-223}.
 */
record PriorityRule(String text, Priority lane, Predicate<PhyPayload> condition) {

    static PriorityRule parse(String text) {
        String[] words = text.trim().split("\\s+");
        if (words.length < 2 || words[0].isEmpty()) {
            throw new IllegalArgumentException("priority rule '" + text + "': expected 'LANE condition...', "
                    + "for example 'ALARM fport=99'");
        }
        Priority lane;
        try {
            lane = Priority.valueOf(words[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("priority rule '" + text + "': lane '" + words[0]
                    + "' is not one of ALARM, NORMAL, BULK");
        }
        List<Predicate<PhyPayload>> conditions = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            conditions.add(condition(text, words[i]));
        }
        Predicate<PhyPayload> all = conditions.stream().reduce(Predicate::and).orElseThrow();
        return new PriorityRule(text.trim(), lane, all);
    }

    boolean matches(PhyPayload frame) {
        return condition.test(frame);
    }

    private static Predicate<PhyPayload> condition(String rule, String word) {
        int equals = word.indexOf('=');
        if (equals <= 0 || equals == word.length() - 1) {
            throw new IllegalArgumentException("priority rule '" + rule + "': condition '" + word
                    + "' must be name=value");
        }
        String name = word.substring(0, equals).toLowerCase(Locale.ROOT);
        String value = word.substring(equals + 1);
        try {
            return switch (name) {
                case "fport" -> fPort(value);
                case "devaddr" -> {
                    DevAddrPrefix prefix = DevAddrPrefix.parse(value);
                    yield frame -> frame.mType().isDataFrame() && prefix.matches(frame.devAddr());
                }
                case "netid" -> {
                    NetId netId = NetId.parse(value);
                    yield frame -> frame.mType().isDataFrame() && netId.contains(frame.devAddr());
                }
                case "joineui" -> {
                    EuiRange range = EuiRange.parse(value);
                    yield frame -> frame.mType() == MType.JOIN_REQUEST && range.contains(frame.joinEui());
                }
                case "deveui" -> {
                    EuiRange range = EuiRange.parse(value);
                    yield frame -> frame.mType() == MType.JOIN_REQUEST && range.contains(frame.devEui());
                }
                case "mtype" -> mType(value);
                default -> throw new IllegalArgumentException("unknown condition '" + name
                        + "' (known: fport, devaddr, netid, joineui, deveui, mtype)");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("priority rule '" + rule + "': " + e.getMessage(), e);
        }
    }

    private static Predicate<PhyPayload> fPort(String value) {
        int dash = value.indexOf('-');
        int from;
        int to;
        try {
            from = Integer.parseInt(dash < 0 ? value : value.substring(0, dash));
            to = dash < 0 ? from : Integer.parseInt(value.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fport '" + value + "' is not a port or a range such as 200-223");
        }
        if (from < 0 || to > 255 || from > to) {
            throw new IllegalArgumentException("fport '" + value + "' is outside 0-255 or an empty range");
        }
        return frame -> frame.mType().isDataFrame() && frame.fPort() >= from && frame.fPort() <= to;
    }

    private static Predicate<PhyPayload> mType(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "join" -> frame -> frame.mType() == MType.JOIN_REQUEST;
            case "data" -> frame -> frame.mType().isDataFrame();
            case "confirmed" -> frame -> frame.mType() == MType.CONFIRMED_DATA_UP;
            case "unconfirmed" -> frame -> frame.mType() == MType.UNCONFIRMED_DATA_UP;
            default -> throw new IllegalArgumentException("mtype '" + value
                    + "' is not one of join, data, confirmed, unconfirmed");
        };
    }
}
