package fr.mutualis.gateway.ota;

import fr.mutualis.gateway.release.pkg.ReleaseVersion;

/**
 * Anti-rollback: whether an ordered release may be installed over the running one. Older releases
 * are refused unless the operator explicitly allowed a downgrade in the order; the running release
 * needs no install at all.
 */
final class ReleaseAdmission {

    enum Decision { INSTALL, ALREADY_RUNNING }

    private ReleaseAdmission() {
    }

    static Decision decide(String ordered, String running, boolean allowDowngrade) throws UpdateFailure {
        ReleaseVersion wanted;
        try {
            wanted = ReleaseVersion.parse(ordered);
        } catch (IllegalArgumentException e) {
            throw UpdateFailure.refused("the order's release: " + e.getMessage());
        }
        ReleaseVersion current;
        try {
            current = ReleaseVersion.parse(running);
        } catch (IllegalArgumentException e) {
            // a development launch without release.properties: nothing to compare with, so nothing is allowed
            throw UpdateFailure.refused("the running release '" + running + "' is unknown: no update is possible");
        }
        int comparison = wanted.compareTo(current);
        if (comparison == 0) {
            return Decision.ALREADY_RUNNING;
        }
        if (comparison < 0 && !allowDowngrade) {
            throw UpdateFailure.refused("release " + wanted + " is older than the running release " + current
                    + " (anti-rollback; an operator must explicitly allow a downgrade)");
        }
        return Decision.INSTALL;
    }
}
