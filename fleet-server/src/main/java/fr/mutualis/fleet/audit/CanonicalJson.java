package fr.mutualis.fleet.audit;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one textual form of a JSON value that the audit log hashes (specified in {@code docs/audit.md}).
 *
 * <p>It follows RFC 8785 (JSON Canonicalization Scheme) for structure, strings and member order,
 * and departs from it for numbers: RFC 8785 writes every number as an IEEE 754 double, which would
 * round a 64-bit counter or a long decimal, while PostgreSQL's {@code jsonb} keeps numbers as exact
 * decimals. Here a number is its exact decimal value in plain notation without redundant zeros, so
 * that the value read back from {@code jsonb} canonicalises to the very text that was hashed.
 */
final class CanonicalJson {

    /**
     * Numbers longer than this (digits in plain notation) are refused: audit values are ids,
     * counters and measurements, and plain notation of {@code 1e999999} would be a megabyte.
     */
    static final int MAX_NUMBER_DIGITS = 200;

    /** Reads JSON without losing anything the canonical form depends on (exact decimals, duplicate keys). */
    private static final JsonMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private CanonicalJson() {
    }

    /** Parses JSON text exactly: floating-point numbers as decimals, a duplicate member name is an error. */
    static JsonNode parse(String text) {
        return EXACT.readTree(text);
    }

    /** The canonical text of a JSON value; Java {@code null} and JSON {@code null} are both {@code null}. */
    static String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    /** Canonical JSON text of a string value, quotes included. */
    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        writeString(value, out);
        return out.toString();
    }

    /**
     * A JSON object from members whose values are already canonical JSON text, in canonical member
     * order (UTF-16 code units, as {@link String#compareTo} compares).
     */
    static String object(Map<String, String> canonicalMembers) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> member : new TreeMap<>(canonicalMembers).entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            writeString(member.getKey(), out);
            out.append(':').append(member.getValue());
        }
        return out.append('}').toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                sorted.put(property.getKey(), property.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> property : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(property.getKey(), out);
                out.append(':');
                write(property.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode element : node.values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(element, out);
            }
            out.append(']');
        } else if (node.isString()) {
            writeString(node.asString(), out);
        } else if (node.isNumber()) {
            out.append(number(node));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue() ? "true" : "false");
        } else {
            // binary and POJO nodes have no JSON text of their own
            throw new IllegalArgumentException("a " + node.getNodeType() + " node has no canonical JSON form");
        }
    }

    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            return checkedLength(node.bigIntegerValue().toString());
        }
        BigDecimal value;
        if (node.isFloat() || node.isDouble()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON has no " + d + ": the value cannot be recorded");
            }
            // The shortest decimal that reads back as the same float or double, as Jackson writes it.
            value = new BigDecimal(node.isFloat() ? Float.toString(node.floatValue()) : Double.toString(d));
        } else {
            value = node.decimalValue();
        }
        return decimal(value);
    }

    /** Plain notation, no exponent, no trailing fractional zeros, no "-0". */
    static String decimal(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = value.stripTrailingZeros();
        // Digits of the plain form, checked before building it (1e999999 would be a megabyte).
        long digits = Math.max((long) stripped.precision() - stripped.scale(), 1) + Math.max(stripped.scale(), 0);
        if (digits > MAX_NUMBER_DIGITS) {
            throw new IllegalArgumentException("number with " + digits + " digits in plain notation; at most "
                    + MAX_NUMBER_DIGITS + " can be recorded");
        }
        return stripped.toPlainString();
    }

    private static String checkedLength(String integer) {
        if (integer.length() > MAX_NUMBER_DIGITS + 1) {
            throw new IllegalArgumentException("integer with " + integer.length() + " characters; at most "
                    + MAX_NUMBER_DIGITS + " digits can be recorded");
        }
        return integer;
    }

    /**
     * RFC 8785 string escaping: quote, backslash and the control characters are escaped (the short
     * forms where JSON has one, lower-case {@code \\u00xx} otherwise); everything else is written as
     * is. U+0000 and unpaired surrogates are refused: PostgreSQL text cannot hold the first, UTF-8
     * cannot encode the second.
     */
    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\u0000' -> throw new IllegalArgumentException("U+0000 cannot be recorded (PostgreSQL text has no NUL)");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("unpaired UTF-16 surrogate U+"
                                + Integer.toHexString(c).toUpperCase() + " at index " + i + " cannot be recorded");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
