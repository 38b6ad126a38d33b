package fr.mutualis.gateway.autonomy.alarm;

import fr.mutualis.gateway.decoding.DecodedPayload;
import java.util.Locale;
import java.util.Optional;

/**
 * A test on one decoded value: {@code leakageAlarm} (a Boolean that must be true), or
 * {@code flowLitresPerHour > 500} (a number compared with a threshold; {@code >}, {@code >=},
 * {@code <}, {@code <=}, {@code ==}). Parsed once, at configuration, with a clear error.
 */
final class ReadingCondition {

    enum Operator { IS_TRUE, GT, GE, LT, LE, EQ }

    private final String key;
    private final Operator operator;
    private final double threshold;

    private ReadingCondition(String key, Operator operator, double threshold) {
        this.key = key;
        this.operator = operator;
        this.threshold = threshold;
    }

    static ReadingCondition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("condition is empty; e.g. 'leakageAlarm' or 'flowLitresPerHour > 500'");
        }
        String[] words = text.trim().split("\\s+");
        if (words.length == 1) {
            return new ReadingCondition(words[0], Operator.IS_TRUE, 0);
        }
        if (words.length != 3) {
            throw new IllegalArgumentException("condition '" + text + "' must be 'key' or 'key <op> number'");
        }
        Operator operator = switch (words[1]) {
            case ">" -> Operator.GT;
            case ">=" -> Operator.GE;
            case "<" -> Operator.LT;
            case "<=" -> Operator.LE;
            case "==" -> Operator.EQ;
            default -> throw new IllegalArgumentException("condition '" + text + "': operator must be one of"
                    + " > >= < <= ==, got '" + words[1] + "'");
        };
        try {
            return new ReadingCondition(words[0], operator, Double.parseDouble(words[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("condition '" + text + "': threshold '" + words[2] + "' is not a number");
        }
    }

    String key() {
        return key;
    }

    /**
     * Whether the payload meets the condition; empty if the payload has no such value, or one of
     * another type (the rule is then not applicable to it).
     */
    Optional<Boolean> test(DecodedPayload payload) {
        Object value = payload.values().get(key);
        if (operator == Operator.IS_TRUE) {
            return value instanceof Boolean flag ? Optional.of(flag) : Optional.empty();
        }
        if (!(value instanceof Long) && !(value instanceof Double)) {
            return Optional.empty();
        }
        double number = ((Number) value).doubleValue();
        return Optional.of(switch (operator) {
            case GT -> number > threshold;
            case GE -> number >= threshold;
            case LT -> number < threshold;
            case LE -> number <= threshold;
            default -> number == threshold;
        });
    }

    @Override
    public String toString() {
        return operator == Operator.IS_TRUE ? key
                : key + " " + operator.name().toLowerCase(Locale.ROOT) + " " + threshold;
    }
}
