package fr.mutualis.contract;

/** What the gateway made of the latest {@link DesiredConfiguration} it received. */
public enum ConfigurationOutcome {
    /** No desired configuration received yet: the installer's configuration runs. */
    NONE,
    /** An apply is in progress (between ConfigAdmin update and health verdict). */
    APPLYING,
    /** {@code attemptedVersion} passed its health checks and is now the last known good. */
    APPLIED,
    /** {@code attemptedVersion} did not validate against the gateway's own schemas: nothing was changed. */
    REFUSED,
    /** {@code attemptedVersion} was applied, failed its health checks (or a restart interrupted it) and was undone. */
    ROLLED_BACK
}
