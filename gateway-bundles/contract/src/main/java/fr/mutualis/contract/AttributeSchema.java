package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One configurable property of a component, as its Metatype attribute definition declares it.
 * The gateway reports it; the fleet validates a change against it before publishing, and the
 * gateway validates again on arrival, with the same rules ({@link #problems(Object)}).
 *
 * @param id          the property name in ConfigAdmin
 * @param type        value type
 * @param cardinality 0: one value; n &gt; 0: an array of at most n; n &lt; 0: a list of at most -n
 *                    ({@link Integer#MAX_VALUE} / {@link Integer#MIN_VALUE}: unbounded)
 * @param required    a value may not be removed (JSON null)
 * @param min         lower bound (a number's value, a string's length), Metatype's string form, or null
 * @param max         upper bound, likewise
 * @param defaults    the component's defaults, as strings
 * @param options     the only allowed values, when not empty
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttributeSchema(
        String id,
        String name,
        String description,
        AttributeType type,
        int cardinality,
        boolean required,
        String min,
        String max,
        List<String> defaults,
        List<AttributeOption> options) {

    public AttributeSchema {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        defaults = defaults == null ? List.of() : List.copyOf(defaults);
        options = options == null ? List.of() : List.copyOf(options);
    }

    /** True when the attribute takes an array or list of values rather than one. */
    public boolean multiValued() {
        return cardinality != 0;
    }

    /**
     * What is wrong with {@code value} (a JSON value: String, Number, Boolean, a List of them, or
     * null) for this attribute, one precise sentence each; empty when it is acceptable.
     */
    public List<String> problems(Object value) {
        List<String> problems = new ArrayList<>();
        if (value == null) {
            if (required) {
                problems.add("is required and cannot be removed");
            }
            return problems;
        }
        if (!multiValued()) {
            if (value instanceof List) {
                problems.add("takes one " + typeName() + ", not a list");
            } else {
                checkOne(value, "", problems);
            }
            return problems;
        }
        if (!(value instanceof List<?> values)) {
            problems.add("takes a list of " + typeName() + " values, got " + describe(value));
            return problems;
        }
        int bound = Math.abs(cardinality == Integer.MIN_VALUE ? Integer.MAX_VALUE : cardinality);
        if (bound != Integer.MAX_VALUE && values.size() > bound) {
            problems.add("takes at most " + bound + " values, got " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                problems.add("value [" + i + "] is null");
            } else {
                checkOne(values.get(i), "value [" + i + "] ", problems);
            }
        }
        return problems;
    }

    private void checkOne(Object value, String prefix, List<String> problems) {
        switch (type) {
            case STRING, PASSWORD -> {
                if (!(value instanceof String text)) {
                    problems.add(prefix + "must be a string, got " + describe(value));
                    return;
                }
                checkBounds(BigDecimal.valueOf(text.length()), prefix + "length ", problems);
            }
            case CHARACTER -> {
                if (!(value instanceof String text) || text.length() != 1) {
                    problems.add(prefix + "must be a single character, got " + describe(value));
                    return;
                }
                checkBounds(BigDecimal.valueOf(text.charAt(0)), prefix, problems);
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    problems.add(prefix + "must be true or false, got " + describe(value));
                }
            }
            default -> {
                BigDecimal number = number(value);
                if (number == null) {
                    problems.add(prefix + "must be a number, got " + describe(value));
                    return;
                }
                if (type.integral() && !isWhole(number)) {
                    problems.add(prefix + "must be a whole number, got " + value);
                    return;
                }
                if (type.integral() && !fitsType(number)) {
                    problems.add(prefix + "is out of the range of " + typeName() + ", got " + value);
                    return;
                }
                checkBounds(number, prefix, problems);
            }
        }
        if (!options.isEmpty() && options.stream().noneMatch(option -> sameValue(option.value(), value))) {
            problems.add(prefix + "must be one of " + options.stream().map(AttributeOption::value).toList()
                    + ", got " + describe(value));
        }
    }

    private void checkBounds(BigDecimal actual, String what, List<String> problems) {
        BigDecimal lower = parse(min);
        BigDecimal upper = parse(max);
        if (lower != null && actual.compareTo(lower) < 0) {
            problems.add(what + "must be at least " + min + ", got " + actual.toPlainString());
        }
        if (upper != null && actual.compareTo(upper) > 0) {
            problems.add(what + "must be at most " + max + ", got " + actual.toPlainString());
        }
    }

    private boolean sameValue(String option, Object value) {
        if (value instanceof Number) {
            BigDecimal a = parse(option);
            BigDecimal b = number(value);
            return a != null && b != null && a.compareTo(b) == 0;
        }
        return option != null && option.equals(String.valueOf(value));
    }

    private boolean fitsType(BigDecimal number) {
        BigInteger whole = number.toBigInteger();
        long lowest = switch (type) {
            case BYTE -> Byte.MIN_VALUE;
            case SHORT -> Short.MIN_VALUE;
            case INTEGER -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        long highest = switch (type) {
            case BYTE -> Byte.MAX_VALUE;
            case SHORT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        return whole.compareTo(BigInteger.valueOf(lowest)) >= 0 && whole.compareTo(BigInteger.valueOf(highest)) <= 0;
    }

    private String typeName() {
        return type.name().toLowerCase();
    }

    private static boolean isWhole(BigDecimal number) {
        return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
    }

    private static BigDecimal number(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        if (value instanceof Number n) {
            return BigDecimal.valueOf(n.longValue());
        }
        return null;
    }

    private static BigDecimal parse(String bound) {
        if (bound == null || bound.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(bound.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String describe(Object value) {
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof List) {
            return "a list";
        }
        return String.valueOf(value);
    }
}
