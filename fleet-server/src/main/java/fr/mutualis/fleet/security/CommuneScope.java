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
}
