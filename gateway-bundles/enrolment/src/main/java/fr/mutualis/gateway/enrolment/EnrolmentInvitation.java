package fr.mutualis.gateway.enrolment;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * What an enrolment QR code carries: {@code https://fleet.example.org:8443/enrol?code=K7QM-2XWD-9H11&ca=<pin>},
 * the fleet's HTTPS address, the single-use code, and the SHA-256 of the syndicate's root CA
 * (base64url) that the gateway pins before it trusts the server with its code.
 */
public record EnrolmentInvitation(URI fleetUrl, String code, byte[] rootFingerprint) {

    /** @throws IllegalArgumentException naming what is wrong with the text */
    public static EnrolmentInvitation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the enrolment invitation is empty");
        }
        URI uri;
        try {
            uri = URI.create(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the enrolment invitation is not a URL: " + e.getMessage());
        }
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the enrolment invitation must be an https:// URL, was " + text);
        }
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(parts[0], parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        String code = query.get("code");
        String pin = query.get("ca");
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("the enrolment invitation has no code");
        }
        if (pin == null || pin.isBlank()) {
            throw new IllegalArgumentException("the enrolment invitation has no CA fingerprint (ca=)");
        }
        byte[] fingerprint;
        try {
            fingerprint = Base64.getUrlDecoder().decode(pin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the CA fingerprint is not base64url: " + pin);
        }
        if (fingerprint.length != 32) {
            throw new IllegalArgumentException("the CA fingerprint must be a SHA-256 (32 bytes), was " + fingerprint.length);
        }
        URI base = URI.create("https://" + uri.getRawAuthority());
        return new EnrolmentInvitation(base, code.trim(), fingerprint);
    }

    /** The same invitation with another code: a technician types a code for a fleet the gateway already knows. */
    public EnrolmentInvitation withCode(String otherCode) {
        return new EnrolmentInvitation(fleetUrl, otherCode, rootFingerprint);
    }

    @Override
    public String toString() {
        return "EnrolmentInvitation[" + fleetUrl + ", code=***]";
    }
}
