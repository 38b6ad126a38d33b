package fr.mutualis.fleet.security;

import fr.mutualis.fleet.account.ApiTokens;
import fr.mutualis.fleet.account.UserAccount;
import fr.mutualis.fleet.account.UserAccounts;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

/**
 * How people prove who they are: an API token (bearer, resolved here as an opaque token, the seam
 * where an external OIDC provider's tokens will plug in), or a username and password (HTTP Basic
 * for tools, the login form for a browser session), checked against the Argon2id hash.
 */
@Component
class AccountAuthentication implements OpaqueTokenIntrospector, UserDetailsService {

    private final ApiTokens tokens;
    private final UserAccounts accounts;

    AccountAuthentication(ApiTokens tokens, UserAccounts accounts) {
        this.tokens = tokens;
        this.accounts = accounts;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        UserAccount account = tokens.authenticate(token)
                .orElseThrow(() -> new BadOpaqueTokenException("unknown, revoked or expired token"));
        return new DefaultOAuth2AuthenticatedPrincipal(account.username(), Map.of("sub", account.username()),
                List.of(new SimpleGrantedAuthority(account.role().authority())));
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserAccount account = accounts.findByUsername(username)
                .filter(UserAccount::enabled)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        String hash = accounts.passwordHash(username).orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(username).password(hash).authorities(account.role().authority()).build();
    }
}
