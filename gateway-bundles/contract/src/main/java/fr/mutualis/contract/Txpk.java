package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A packet to transmit, in the packet forwarder's own {@code txpk} vocabulary (Semtech UDP
 * protocol, PULL_RESP), so that a network server's downlink passes through unchanged.
 *
 * @param imme send immediately
 * @param tmst send when the concentrator's microsecond counter reaches this value
 * @param tmms send at this GPS time (milliseconds since the GPS epoch)
 * @param freq centre frequency in MHz
 * @param rfch RF chain to transmit on
 * @param powe output power in dBm
 * @param modu "LORA" or "FSK"
 * @param datr LoRa data rate such as "SF9BW125", or the FSK bit rate in bits per second
 * @param codr LoRa coding rate such as "4/5"
 * @param fdev FSK frequency deviation in Hz
 * @param ipol LoRa polarity inversion (true for LoRaWAN downlinks)
 * @param prea preamble length
 * @param size payload size in bytes (checked against {@code data})
 * @param data the PHYPayload, base64
 * @param ncrc disable the physical-layer CRC
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Txpk(
        Boolean imme,
        Long tmst,
        Long tmms,
        Double freq,
        Integer rfch,
        Integer powe,
        String modu,
        String datr,
        String codr,
        Integer fdev,
        Boolean ipol,
        Integer prea,
        Integer size,
        String data,
        Boolean ncrc) {

    private static final Pattern LORA_DATA_RATE = Pattern.compile("SF([5-9]|1[0-2])BW(125|250|500|7|10|15|20|31|41|62|1625|203|406|812)");
    private static final Pattern LORA_CODING_RATE = Pattern.compile("4/[5-8]|4/[5-8]LI|2/3|1/2");
    private static final Pattern BIT_RATE = Pattern.compile("[1-9][0-9]{2,6}");
    private static final int MAX_PAYLOAD = 255;

    /**
     * What is wrong with this packet, one precise sentence per problem; empty when it can be
     * handed to a forwarder. Checked by the fleet before queueing and again by the gateway.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        int timings = (Boolean.TRUE.equals(imme) ? 1 : 0) + (tmst != null ? 1 : 0) + (tmms != null ? 1 : 0);
        if (timings != 1) {
            problems.add("exactly one of imme=true, tmst or tmms must say when to send (found " + timings + ")");
        }
        if (tmst != null && (tmst < 0 || tmst > 0xFFFF_FFFFL)) {
            problems.add("tmst " + tmst + " is not a 32-bit unsigned counter value");
        }
        if (tmms != null && tmms < 0) {
            problems.add("tmms " + tmms + " is negative");
        }
        if (freq == null || !(freq >= 150 && freq <= 1020)) {
            problems.add("freq must be the centre frequency in MHz between 150 and 1020, was " + freq);
        }
        if (rfch != null && (rfch < 0 || rfch > 1)) {
            problems.add("rfch must be 0 or 1, was " + rfch);
        }
        if (powe != null && (powe < -10 || powe > 30)) {
            problems.add("powe must be between -10 and 30 dBm, was " + powe);
        }
        if ("LORA".equals(modu)) {
            if (datr == null || !LORA_DATA_RATE.matcher(datr).matches()) {
                problems.add("datr must be a LoRa data rate such as SF9BW125, was " + datr);
            }
            if (codr == null || !LORA_CODING_RATE.matcher(codr).matches()) {
                problems.add("codr must be a LoRa coding rate such as 4/5, was " + codr);
            }
        } else if ("FSK".equals(modu)) {
            if (datr == null || !BIT_RATE.matcher(datr).matches()) {
                problems.add("datr must be the FSK bit rate in bits/s such as 50000, was " + datr);
            }
            if (fdev == null || fdev <= 0) {
                problems.add("fdev (FSK frequency deviation in Hz) is required and positive, was " + fdev);
            }
        } else {
            problems.add("modu must be LORA or FSK, was " + modu);
        }
        if (prea != null && (prea < 6 || prea > 65_535)) {
            problems.add("prea must be between 6 and 65535 symbols, was " + prea);
        }
        byte[] payload = decodedData(problems);
        if (payload != null) {
            if (payload.length == 0 || payload.length > MAX_PAYLOAD) {
                problems.add("data must hold 1 to " + MAX_PAYLOAD + " bytes, held " + payload.length);
            }
            if (size != null && size != payload.length) {
                problems.add("size " + size + " does not match the " + payload.length + " bytes of data");
            }
        }
        return problems;
    }

    /** The payload bytes; call only on a packet without {@link #problems()}. */
    public byte[] payload() {
        return Base64.getDecoder().decode(data);
    }

    private byte[] decodedData(List<String> problems) {
        if (data == null) {
            problems.add("data (the PHYPayload in base64) is required");
            return null;
        }
        try {
            return Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            problems.add("data is not valid base64: " + e.getMessage());
            return null;
        }
    }
}
