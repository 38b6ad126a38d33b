package fr.mutualis.gateway.decoding.local;

import fr.mutualis.gateway.decoding.PayloadDecoder;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A device the gateway decodes locally: its ABP session keys (or the current session's keys of an
 * OTAA device, pushed by the network side) and its decoder. Parsed from one configuration entry
 * {@code devaddr:device-class:nwkskey:appskey}, keys as 32 hex digits.
 */
final class DeviceSession {

    final int devAddr;
    final String devAddrHex;
    final PayloadDecoder decoder;
    final byte[] nwkSKey;
    final byte[] appSKey;
    /** The last 32-bit frame counter accepted from the device; -1 before the first frame. */
    long lastFCnt = -1;

    private DeviceSession(int devAddr, PayloadDecoder decoder, byte[] nwkSKey, byte[] appSKey) {
        this.devAddr = devAddr;
        this.devAddrHex = String.format("%08x", devAddr);
        this.decoder = decoder;
        this.nwkSKey = nwkSKey;
        this.appSKey = appSKey;
    }

    interface DecoderLookup {
        PayloadDecoder decoderFor(String deviceClass);
    }

    /** Parses one entry; the message of the exception names the entry's problem but never a key. */
    static DeviceSession parse(String entry, DecoderLookup decoders) {
        String[] parts = entry.trim().split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("device entry must be devaddr:device-class:nwkskey:appskey, got "
                    + parts.length + " fields");
        }
        int devAddr;
        try {
            if (parts[0].length() != 8) {
                throw new NumberFormatException();
            }
            devAddr = (int) Long.parseLong(parts[0], 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("DevAddr '" + parts[0] + "' is not 8 hex digits");
        }
        PayloadDecoder decoder = decoders.decoderFor(parts[1].toLowerCase(Locale.ROOT));
        return new DeviceSession(devAddr, decoder, key(parts[2], "NwkSKey", parts[0]), key(parts[3], "AppSKey", parts[0]));
    }

    private static byte[] key(String hex, String name, String devAddr) {
        try {
            byte[] key = HexFormat.of().parseHex(hex);
            if (key.length == 16) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // reported below without echoing the secret
        }
        throw new IllegalArgumentException(name + " of device " + devAddr + " is not 32 hex digits");
    }
}
