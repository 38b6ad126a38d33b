package fr.mutualis.provisioning.token;

import java.util.regex.Pattern;

/** INSEE commune codes: five digits, or 2A/2B and three digits for Corsica. */
final class Communes {

    private static final Pattern INSEE = Pattern.compile("[0-9]{5}|2[AB][0-9]{3}");

    private Communes() {
    }

    static boolean isInseeCode(String value) {
        return value != null && INSEE.matcher(value).matches();
    }
}
