package fr.mutualis.fleet.security;

import fr.mutualis.fleet.account.Role;
import fr.mutualis.fleet.account.UserAccount;
import java.util.UUID;

/** The authenticated person of a request, with the communes they may see. */
public record FleetUser(UUID id, String username, Role role, CommuneScope scope) {

    static FleetUser of(UserAccount account) {
        return new FleetUser(account.id(), account.username(), account.role(),
                account.role().allCommunes() ? CommuneScope.everything() : CommuneScope.of(account.communes()));
    }
}
