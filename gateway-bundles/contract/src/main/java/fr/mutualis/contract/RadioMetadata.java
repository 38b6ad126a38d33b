package fr.mutualis.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the concentrator reported about the reception of one frame (the GWMP {@code rxpk}
 * fields). Every field is optional: concentrators differ in what they report.
 *
 * @param frequencyHz     centre frequency in Hz ({@code freq} is in MHz on the wire)
 * @param modulation      "LORA" or "FSK" ({@code modu})
 * @param dataRate        e.g. "SF7BW125", or the FSK bit rate as a string ({@code datr})
 * @param codingRate      e.g. "4/5" ({@code codr})
 * @param rssi            received signal strength in dBm ({@code rssi})
 * @param snr             signal-to-noise ratio in dB ({@code lsnr})
 * @param channel         IF channel ({@code chan})
 * @param rfChain         RF chain ({@code rfch})
 * @param concentratorTimestamp internal 32-bit microsecond counter ({@code tmst})
 * @param crcStatus       1 = CRC OK, -1 = CRC failed, 0 = no CRC ({@code stat})
 * @param gatewayTime     the concentrator's UTC receive time when it has one ({@code time}), ISO-8601
 * @param gpsTimeMillis   GPS time of reception in milliseconds since the GPS epoch ({@code tmms}),
 *                        when the concentrator has a GPS fix
 * @param fineTimestampNanos nanoseconds within the GPS second, for geolocation ({@code ftime}, or
 *                        the best antenna's {@code etime} in an {@code rsig} entry)
 * @param antenna         the antenna that received the frame best, on multi-antenna concentrators
 *                        ({@code rsig[].ant})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RadioMetadata(
        Long frequencyHz,
        String modulation,
        String dataRate,
        String codingRate,
        Integer rssi,
        Double snr,
        Integer channel,
        Integer rfChain,
        Long concentratorTimestamp,
        Integer crcStatus,
        String gatewayTime,
        Long gpsTimeMillis,
        Long fineTimestampNanos,
        Integer antenna) {

    /** The metadata the first eleven fields carry, without GPS time, fine timestamp or antenna. */
    public RadioMetadata(Long frequencyHz, String modulation, String dataRate, String codingRate, Integer rssi,
                         Double snr, Integer channel, Integer rfChain, Long concentratorTimestamp, Integer crcStatus,
                         String gatewayTime) {
        this(frequencyHz, modulation, dataRate, codingRate, rssi, snr, channel, rfChain, concentratorTimestamp,
                crcStatus, gatewayTime, null, null, null);
    }
}
