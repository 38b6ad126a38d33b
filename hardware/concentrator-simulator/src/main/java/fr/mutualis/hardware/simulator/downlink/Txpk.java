package fr.mutualis.hardware.simulator.downlink;

/**
 * A validated {@code txpk} object: the transmission a network server asked for in a PULL_RESP.
 *
 * @param immediate     {@code imme}: send now, ignoring timestamps
 * @param tmst          concentrator timestamp to send at, or null
 * @param tmms          GPS time (ms since 1980-01-06) to send at, or null
 * @param time          UTC time to send at (older servers), or null
 * @param frequencyMHz  {@code freq}
 * @param rfChain       {@code rfch}
 * @param power         {@code powe} in dBm, or null for the forwarder's default
 * @param modulation    {@code LORA} or {@code FSK}
 * @param dataRate      LoRa: e.g. {@code SF9BW125}; FSK: bits per second as text
 * @param codingRate    LoRa coding rate, e.g. {@code 4/5}; null for FSK
 * @param invertPolarity {@code ipol}, or null
 * @param preamble      {@code prea}, or null
 * @param noCrc         {@code ncrc}, or null
 * @param payload       {@code data}, decoded; its length equals {@code size}
 */
public record Txpk(boolean immediate, Long tmst, Long tmms, String time, double frequencyMHz, int rfChain,
                   Integer power, String modulation, String dataRate, String codingRate, Boolean invertPolarity,
                   Integer preamble, Boolean noCrc, byte[] payload) {

    public Txpk {
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public boolean lora() {
        return "LORA".equals(modulation);
    }

    /** For LoRa: the spreading factor of {@link #dataRate()}. */
    public int spreadingFactor() {
        return Integer.parseInt(dataRate.substring(2, dataRate.indexOf("BW")));
    }

    /** For LoRa: the bandwidth of {@link #dataRate()} in kHz. */
    public int bandwidthKHz() {
        return Integer.parseInt(dataRate.substring(dataRate.indexOf("BW") + 2));
    }
}
