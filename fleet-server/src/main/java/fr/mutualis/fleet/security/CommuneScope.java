package fr.mutualis.fleet.security;

import java.util.Set;

/**
 * The communes a request may see: every commune for the syndicate's roles, the assigned ones for
 * technicians and commune viewers. Every query that returns commune data takes one and filters
 * with it ({@link #allows}, or {@link #all()} and {@link #communes()} in SQL); controllers get it
 * as a method parameter, resolved from the authenticated person, so no endpoint builds it by hand.
 */
public record CommuneScope(boolean all, Set<String> communes) {

    public CommuneScope {
        communes = Set.copyOf(communes);
    }

    /** The whole syndicate: for the syndicate's roles and for the server's own work. */
    public static CommuneScope everything() {
        return new CommuneScope(true, Set.of());
    }

    public static CommuneScope of(Set<String> communes) {
        return new CommuneScope(false, communes);
    }

    public boolean allows(String commune) {
        return all || communes.contains(commune);
    }

    /** The communes as an SQL array parameter ({@code commune = ANY(:communes)}), ignored when {@link #all()}. */
    public String[] sqlArray() {
        return communes.toArray(String[]::new);
    }

    /**
     * The commune filter of a per-commune log (audit, alerts): anything, or nothing, for the
     * syndicate; for people confined to communes, one of theirs, which they must name.
     *
     * @throws IllegalArgumentException when a confined person names no commune (400)
     * @throws UnknownCommuneException  when they name one that is not theirs (404)
     */
    public String requireVisible(String commune) {
        String requested = commune == null || commune.isBlank() ? null : commune;
        if (all) {
            return requested;
        }
        if (requested == null) {
            throw new IllegalArgumentException("give commune: you see the communes " + communes + " only");
        }
        if (!allows(requested)) {
            throw new UnknownCommuneException(requested);
        }
        return requested;
    }
}
