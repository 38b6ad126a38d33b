package fr.mutualis.hardware.simulator.downlink;

/**
 * Time on air of a transmission, so that two downlinks overlapping in time can be detected.
 * LoRa: the symbol-count formula of Semtech's SX127x/SX130x documentation (explicit header);
 * FSK: preamble, sync word, length, payload and CRC bytes at the bit rate.
 */
final class LoRaAirtime {

    private static final int DEFAULT_LORA_PREAMBLE = 8;
    private static final int DEFAULT_FSK_PREAMBLE = 5;

    private LoRaAirtime() {
    }

    static long micros(Txpk txpk) {
        int length = txpk.payload().length;
        if (!txpk.lora()) {
            int preamble = txpk.preamble() == null ? DEFAULT_FSK_PREAMBLE : txpk.preamble();
            double bits = (preamble + 3 + 1 + length + 2) * 8.0;
            return (long) Math.ceil(bits * 1e6 / Long.parseLong(txpk.dataRate()));
        }
        int sf = txpk.spreadingFactor();
        double bandwidthHz = txpk.bandwidthKHz() * 1000.0;
        double symbolSeconds = Math.pow(2, sf) / bandwidthHz;
        int lowDataRateOptimize = symbolSeconds > 0.016 ? 1 : 0;
        int crc = Boolean.TRUE.equals(txpk.noCrc()) ? 0 : 1;
        int codingRate = switch (txpk.codingRate()) {
            case "4/5" -> 1;
            case "4/6", "2/3" -> 2;
            case "4/7" -> 3;
            default -> 4;
        };
        int preamble = txpk.preamble() == null ? DEFAULT_LORA_PREAMBLE : txpk.preamble();
        double numerator = 8.0 * length - 4.0 * sf + 28 + 16.0 * crc;
        double payloadSymbols = 8 + Math.max(Math.ceil(numerator / (4.0 * (sf - 2 * lowDataRateOptimize))) * (codingRate + 4), 0);
        double seconds = (preamble + 4.25) * symbolSeconds + payloadSymbols * symbolSeconds;
        return (long) Math.ceil(seconds * 1e6);
    }
}
