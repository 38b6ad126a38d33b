package fr.mutualis.contract;

import java.util.regex.Pattern;

/**
 * Validation of the identifiers that appear in topics. Both become MQTT topic levels, so they
 * must never contain '/', '+', '#' or anything a broker ACL pattern could misread.
 */
public final class Identifiers {

    /**
     * Lower-case letters, digits and dashes, starting with a letter or digit, at most 64 characters.
     * Public as text so that API parameter constraints and their documentation use the same rule.
     */
    public static final String GATEWAY_ID_REGEX = "[a-z0-9][a-z0-9-]{0,63}";

    /** A French INSEE commune code: five characters, Corsica uses 2A/2B. */
    public static final String INSEE_CODE_REGEX = "(?:[0-9]{2}|2A|2B)[0-9]{3}";

    private static final Pattern GATEWAY_ID = Pattern.compile(GATEWAY_ID_REGEX);

    private static final Pattern INSEE_CODE = Pattern.compile(INSEE_CODE_REGEX);

    private Identifiers() {
    }

    public static boolean isValidGatewayId(String gatewayId) {
        return gatewayId != null && GATEWAY_ID.matcher(gatewayId).matches();
    }

    public static boolean isValidCommune(String commune) {
        return commune != null && INSEE_CODE.matcher(commune).matches();
    }

    /** @throws IllegalArgumentException with a message that names the rule the id breaks */
    public static String requireGatewayId(String gatewayId) {
        if (!isValidGatewayId(gatewayId)) {
            throw new IllegalArgumentException("invalid gateway id '" + gatewayId
                    + "': expected 1-64 characters among a-z, 0-9 and '-', not starting with '-'");
        }
        return gatewayId;
    }

    /** @throws IllegalArgumentException with a message that names the rule the code breaks */
    public static String requireCommune(String commune) {
        if (!isValidCommune(commune)) {
            throw new IllegalArgumentException("invalid commune code '" + commune
                    + "': expected a five-character INSEE code such as 35238 or 2A004");
        }
        return commune;
    }
}
