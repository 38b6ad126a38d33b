package fr.mutualis.gateway.ingest.gwmp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads numbers the way packet forwarders write them: mostly as JSON numbers, by some
 * implementations as strings ("868.1"). Anything else, including a non-finite value, is absent.
 */
final class JsonNumbers {

    private JsonNumbers() {
    }

    static Double asDouble(JsonNode node) {
        if (node.isNumber()) {
            double value = node.asDouble();
            return Double.isFinite(value) ? value : null;
        }
        if (node.isTextual()) {
            try {
                double value = Double.parseDouble(node.asText().trim());
                return Double.isFinite(value) ? value : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Long asLong(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            double value = node.asDouble();
            return Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 9.0e15 ? (long) value : null;
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                Double value = asDouble(node);
                return value != null && value == Math.rint(value) && Math.abs(value) < 9.0e15 ? value.longValue() : null;
            }
        }
        return null;
    }

    static Integer asInt(JsonNode node) {
        Long value = asLong(node);
        if (value == null) {
            Double real = asDouble(node);
            // RSSI is sometimes written with a decimal part (-57.0): round it rather than lose it.
            return real != null && Math.abs(real) < Integer.MAX_VALUE ? (int) Math.round(real) : null;
        }
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? value.intValue() : null;
    }

    /** A decimal string as a finite double, or null. */
    static Double parseDouble(String text) {
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A whole number: from {@code text} exactly when it is an integer literal (so that 64-bit
     * values keep every digit), else from {@code value} when it has no fractional part.
     */
    static Long wholeNumber(Double value, String text) {
        if (text != null) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                // not an integer literal: fall back to the double
            }
        }
        return value != null && value == Math.rint(value) && Math.abs(value) < 9.0e15 ? value.longValue() : null;
    }
}
