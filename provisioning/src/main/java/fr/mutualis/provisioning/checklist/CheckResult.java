package fr.mutualis.provisioning.checklist;

/**
 * The outcome of one check of the installation checklist.
 *
 * @param check       which check
 * @param passed      whether the technician can tick it
 * @param explanation what was seen, in the user's language
 * @param hint        what to do about it, when it failed (null otherwise)
 */
public record CheckResult(Check check, boolean passed, String explanation, String hint) {

    /** The checks, in the order a technician works through them. */
    public enum Check {
        CERTIFICATE("checklist.certificate"),
        BACKHAUL("checklist.backhaul"),
        CONCENTRATOR("checklist.concentrator"),
        CLOCK("checklist.clock"),
        FIRST_READING("checklist.reading");

        final String label;

        Check(String label) {
            this.label = label;
        }
    }

    static CheckResult pass(Check check, String explanation) {
        return new CheckResult(check, true, explanation, null);
    }

    static CheckResult fail(Check check, String explanation, String hint) {
        return new CheckResult(check, false, explanation, hint);
    }
}
