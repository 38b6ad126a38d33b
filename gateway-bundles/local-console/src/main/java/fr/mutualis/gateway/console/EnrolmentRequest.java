package fr.mutualis.gateway.console;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * What the console hands to the gateway's enrolment agent: the invitation a technician pastes
 * from the token's QR code (or its "enrolment address" line) and, when the token does not fix
 * one, the gateway id to ask for. The console checks the form; the agent checks the invitation in
 * full, verifies the server against the invitation's pinned root and enrols (or logs why not).
 */
record EnrolmentRequest(String invitation, String gatewayId) {

    /** Stores a request where the enrolment agent picks it up (its configuration). */
    @FunctionalInterface
    interface Sink {
        void submit(EnrolmentRequest request) throws IOException;
    }

    /** A form the console refuses: {@code key} names the reason in the console's words, with its arguments. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String key;
        final transient Object[] arguments;

        Invalid(String key, Object... arguments) {
            super(key);
            this.key = key;
            this.arguments = arguments;
        }
    }

    private static final Pattern GATEWAY_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_INVITATION = 2048;

    /** Checks a form's fields; throws with the reason a technician can act on. */
    static EnrolmentRequest of(String invitation, String gatewayId) {
        String url = invitation == null ? "" : invitation.trim();
        String id = gatewayId == null ? "" : gatewayId.trim();
        if (url.isEmpty()) {
            throw new Invalid("enrolment.invalid.empty");
        }
        if (url.length() > MAX_INVITATION || !url.startsWith("https://") || !url.contains("/enrol?")
                || !url.contains("code=") || !url.contains("ca=")) {
            throw new Invalid("enrolment.invalid.address");
        }
        if (!id.isEmpty() && !GATEWAY_ID.matcher(id).matches()) {
            throw new Invalid("enrolment.invalid.id", id);
        }
        return new EnrolmentRequest(url, id);
    }
}
