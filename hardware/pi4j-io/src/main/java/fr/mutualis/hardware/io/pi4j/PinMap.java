package fr.mutualis.hardware.io.pi4j;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Channel name to BCM GPIO number, from configuration entries such as {@code street-1=17}. A typo
 * here would switch the wrong contactor, so anything doubtful is refused at activation.
 */
final class PinMap {

    /** BCM numbers of the GPIOs on the 40-pin header of every Raspberry Pi since the B+. */
    static final int MAX_BCM = 27;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private PinMap() {
    }

    static Map<String, Integer> parse(String[] entries) {
        Map<String, Integer> pins = new LinkedHashMap<>();
        Map<Integer, String> owners = new HashMap<>();
        for (String entry : entries == null ? new String[0] : entries) {
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("pin map entry '" + entry + "' is not name=bcm");
            }
            String name = entry.substring(0, equals).trim();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("channel name '" + name + "' must be 1-32 of a-z, 0-9 and '-'");
            }
            int bcm;
            try {
                bcm = Integer.parseInt(entry.substring(equals + 1).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("pin of '" + name + "' is not a number: " + entry, e);
            }
            if (bcm < 0 || bcm > MAX_BCM) {
                throw new IllegalArgumentException("pin of '" + name + "' must be BCM 0-" + MAX_BCM + ", got " + bcm);
            }
            if (pins.putIfAbsent(name, bcm) != null) {
                throw new IllegalArgumentException("channel '" + name + "' is mapped twice");
            }
            String other = owners.putIfAbsent(bcm, name);
            if (other != null) {
                throw new IllegalArgumentException("BCM " + bcm + " is mapped to both '" + other + "' and '" + name + "'");
            }
        }
        return Collections.unmodifiableMap(pins);
    }
}
