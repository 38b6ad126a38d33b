package fr.mutualis.fleet.account;

/**
 * What a person may do. Syndicate roles see every commune; the others see only the communes
 * they are assigned to ({@link UserAccount#communes()}).
 */
public enum Role {
    /** Everything, including managing people. */
    SYNDICATE_ADMIN(true),
    /** Watches and operates the whole fleet: communes, sites, gateways, downlinks. No people management. */
    SYNDICATE_OPERATOR(true),
    /** Installs and assigns gateways, creates sites, in the communes given to them. */
    FIELD_TECHNICIAN(false),
    /** Reads its own commune's gateways and data; changes nothing. */
    COMMUNE_VIEWER(false);

    private final boolean allCommunes;

    Role(boolean allCommunes) {
        this.allCommunes = allCommunes;
    }

    /** True for the syndicate's roles, which are not confined to communes. */
    public boolean allCommunes() {
        return allCommunes;
    }

    /** The Spring Security authority, as {@code hasRole(...)} expects it. */
    public String authority() {
        return "ROLE_" + name();
    }
}
