package fr.mutualis.gateway.decoding.milesight;

import fr.mutualis.gateway.decoding.PayloadDecodingException;

import java.util.Map;

import static fr.mutualis.gateway.decoding.wire.ByteFields.hex;
import static fr.mutualis.gateway.decoding.wire.ByteFields.uint16LittleEndian;
import static fr.mutualis.gateway.decoding.wire.ByteFields.uint32LittleEndian;
import static fr.mutualis.gateway.decoding.wire.ByteFields.uint8;

/** Turns the value bytes of one WS558 channel into typed values; the caller has checked the length. */
final class Ws558Values {

    private Ws558Values() {
    }

    static void put(Ws558Channel channel, byte[] payload, int at, Map<String, Object> values)
            throws PayloadDecodingException {
        switch (channel) {
            case PROTOCOL_VERSION -> values.put("protocolVersion", (long) uint8(payload, at));
            // "01 40" is hardware v1.4: the minor number is the high nibble of the second byte.
            case HARDWARE_VERSION -> values.put("hardwareVersion",
                    "v" + uint8(payload, at) + "." + (uint8(payload, at + 1) >>> 4));
            // "01 14" is firmware v1.14 and "01 01" v1.1: the minor number is written in hex digits.
            case FIRMWARE_VERSION -> values.put("firmwareVersion",
                    "v" + uint8(payload, at) + "." + Integer.toHexString(uint8(payload, at + 1)));
            case TSL_VERSION -> values.put("tslVersion", "v" + uint8(payload, at) + "." + uint8(payload, at + 1));
            case SERIAL_NUMBER -> values.put("serialNumber", hex(payload, at, channel.length));
            case LORAWAN_CLASS -> values.put("lorawanClass", lorawanClass(uint8(payload, at)));
            // Both are events: their presence is the information, the value byte carries none.
            case RESET_EVENT -> values.put("resetEvent", true);
            case DEVICE_STATUS -> values.put("deviceOn", true);
            case ENERGY_METERING_ENABLED -> values.put("energyMeteringEnabled", flag(channel, uint8(payload, at)));
            case VOLTAGE -> values.put("voltageVolts", uint16LittleEndian(payload, at) / 10.0);
            case ACTIVE_POWER -> values.put("activePowerWatts", uint32LittleEndian(payload, at));
            case POWER_FACTOR -> values.put("powerFactorPercent", powerFactor(uint8(payload, at)));
            case ENERGY -> values.put("energyWattHours", uint32LittleEndian(payload, at));
            case CURRENT -> values.put("currentMilliamps", (long) uint16LittleEndian(payload, at));
            case SWITCHES -> switches(uint8(payload, at), uint8(payload, at + 1), values);
        }
    }

    private static void switches(int changeMask, int states, Map<String, Object> values) {
        for (int circuit = 1; circuit <= MilesightWs558Decoder.SWITCH_COUNT; circuit++) {
            values.put("switch" + circuit + "On", (states >>> (circuit - 1) & 1) != 0);
        }
        values.put("switchChangeMask", (long) changeMask);
    }

    private static String lorawanClass(int code) throws PayloadDecodingException {
        return switch (code) {
            case 0 -> "A";
            case 1 -> "B";
            case 2 -> "C";
            case 3 -> "CtoB";
            default -> throw new PayloadDecodingException(PayloadDecodingException.BAD_VALUE,
                    "WS558 LoRaWAN class code " + code + "; documented: 0 (A), 1 (B), 2 (C), 3 (C to B)");
        };
    }

    private static long powerFactor(int percent) throws PayloadDecodingException {
        if (percent > 100) {
            throw new PayloadDecodingException(PayloadDecodingException.BAD_VALUE,
                    "WS558 power factor of " + percent + " %; it cannot exceed 100 %");
        }
        return percent;
    }

    private static boolean flag(Ws558Channel channel, int value) throws PayloadDecodingException {
        if (value > 1) {
            throw new PayloadDecodingException(PayloadDecodingException.BAD_VALUE,
                    "WS558 " + channel + " value " + value + "; documented: 0 (disabled) or 1 (enabled)");
        }
        return value == 1;
    }
}
