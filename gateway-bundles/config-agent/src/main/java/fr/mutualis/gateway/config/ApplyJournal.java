package fr.mutualis.gateway.config;

import java.util.Map;

/**
 * Written, durably, before the agent touches ConfigAdmin and deleted once the apply is committed
 * or undone: if the agent finds it at start, an apply was interrupted (kill -9, power cut), and
 * the configurations it names are put back to {@code lastKnownGood}, so that the gateway never
 * runs a mix of the old and new configuration.
 *
 * @param version       the desired version being applied
 * @param lastKnownGood PID → its complete properties before the apply ({@link TypedSnapshot#encode}),
 *                      or null when the PID had no configuration
 */
record ApplyJournal(long version, Map<String, Map<String, Object>> lastKnownGood) {
}
