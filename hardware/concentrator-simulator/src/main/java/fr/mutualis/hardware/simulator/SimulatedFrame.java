package fr.mutualis.hardware.simulator;

import java.time.Instant;

/**
 * One frame as the concentrator would report it in an {@code rxpk} object.
 *
 * @param phyPayload   the LoRaWAN PHYPayload
 * @param frequencyMHz centre frequency
 * @param dataRate     e.g. "SF7BW125"
 * @param rssi         dBm
 * @param snr          dB
 * @param concentratorTimestamp the SX130x's 32-bit microsecond counter
 * @param time         UTC receive time, or null when the concentrator has no GPS
 */
public record SimulatedFrame(byte[] phyPayload, double frequencyMHz, String dataRate, int rssi, double snr,
                             long concentratorTimestamp, Instant time) {
}
