package fr.mutualis.fleet.account;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A person as the API shows them: never with a password hash. */
public record UserAccount(UUID id, String username, String displayName, Role role, boolean enabled,
                          Set<String> communes, Instant createdAt) {

    public UserAccount {
        communes = Set.copyOf(communes);
    }
}
