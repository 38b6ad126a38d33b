package fr.mutualis.fleet.configuration;

import fr.mutualis.contract.Identifiers;
import java.util.regex.Pattern;

/**
 * Names one configuration layer in the API: {@code syndicate}, {@code commune:35238},
 * {@code tag:eclairage} or {@code gateway:gw-rennes-mairie}. Layers apply in that order.
 */
record LayerId(Kind kind, String scope) {

    enum Kind { SYNDICATE, COMMUNE, TAG, GATEWAY }

    /** The {@code layer} path parameter's rule, for the OpenAPI document. */
    static final String PATTERN = "syndicate|commune:[0-9AB]{5}|tag:[a-z0-9][a-z0-9_-]{0,31}|gateway:[a-z0-9][a-z0-9-]{0,63}";
    private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    static final LayerId SYNDICATE = new LayerId(Kind.SYNDICATE, "");

    /** @throws IllegalArgumentException with the rule when {@code text} names no layer (400) */
    static LayerId parse(String text) {
        if ("syndicate".equals(text)) {
            return SYNDICATE;
        }
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon > 0) {
            String kind = text.substring(0, colon);
            String scope = text.substring(colon + 1);
            switch (kind) {
                case "commune" -> {
                    if (Identifiers.isValidCommune(scope)) {
                        return new LayerId(Kind.COMMUNE, scope);
                    }
                }
                case "tag" -> {
                    if (TAG.matcher(scope).matches()) {
                        return new LayerId(Kind.TAG, scope);
                    }
                }
                case "gateway" -> {
                    if (Identifiers.isValidGatewayId(scope)) {
                        return new LayerId(Kind.GATEWAY, scope);
                    }
                }
                default -> {
                    // falls through to the error below
                }
            }
        }
        throw new IllegalArgumentException("'" + text + "' names no configuration layer: use syndicate, "
                + "commune:<INSEE code>, tag:<tag> or gateway:<gateway id>");
    }

    @Override
    public String toString() {
        return kind == Kind.SYNDICATE ? "syndicate" : kind.name().toLowerCase() + ":" + scope;
    }
}
