package fr.mutualis.gateway.decoding.axioma;

import java.util.Map;

/**
 * The status byte of the Qalcosonic W1 index reports, as documented in section 3 ("Device
 * alarms") of the W1 payload document.
 *
 * <p>Bits 2, 3 and 4 are independent flags; bits 7–5 hold one alarm code, because the meter
 * reports its most important alarm only. Bits 0–1 are not documented and are only kept in
 * {@code statusByte}. Keys written:
 * <ul>
 *   <li>{@code statusByte} (Long) — the raw byte, so nothing the meter said is lost;</li>
 *   <li>{@code lowBattery} (Boolean) — bit 2, "power low";</li>
 *   <li>{@code permanentError} (Boolean) — bit 3, the meter needs replacing;</li>
 *   <li>{@code temporaryError} (Boolean) — bit 4; set alone when the pipe is empty (dry), and
 *       alongside every alarm code;</li>
 *   <li>{@code alarm} (String) — bits 7–5: {@code none} (000), {@code leakage} (001: constant flow
 *       for 24 h), {@code backflow} (011), {@code freeze} (100: water near freezing),
 *       {@code burst} (101: very high constant flow for an hour), {@code tamper} (110), or
 *       {@code unrecognised} for the undocumented codes 010 and 111.</li>
 * </ul>
 */
final class StatusByte {

    private StatusByte() {
    }

    static void describe(int status, Map<String, Object> values) {
        values.put("statusByte", (long) status);
        values.put("lowBattery", (status & 0x04) != 0);
        values.put("permanentError", (status & 0x08) != 0);
        values.put("temporaryError", (status & 0x10) != 0);
        values.put("alarm", alarm(status >>> 5));
    }

    private static String alarm(int code) {
        return switch (code) {
            case 0b000 -> "none";
            case 0b001 -> "leakage";
            case 0b011 -> "backflow";
            case 0b100 -> "freeze";
            case 0b101 -> "burst";
            // 110 is "manipulation" in the vendor's alarm list; fewer public decoders know it than the
            // others, so an unexpected tamper alarm is worth a look at the raw statusByte.
            case 0b110 -> "tamper";
            // An unknown code must not cost the index reading: report it, keep statusByte raw.
            default -> "unrecognised";
        };
    }
}
