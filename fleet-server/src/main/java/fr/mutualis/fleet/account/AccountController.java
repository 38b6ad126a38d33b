package fr.mutualis.fleet.account;

import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.security.FleetUser;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** People (administrators only) and each person's own API tokens. */
@RestController
@Tag(name = "People", description = "People, their roles and communes, and their own API tokens.")
class AccountController {

    private final UserAccounts accounts;
    private final ApiTokens tokens;

    AccountController(UserAccounts accounts, ApiTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    record NewUser(String username, String displayName, Role role, Set<String> communes, String password) {
    }

    record UserChange(Role role, Set<String> communes, Boolean enabled) {
    }

    record NewToken(String name, Integer validityDays) {
    }

    @GetMapping("/api/users/me")
    @Operation(operationId = "getCurrentUser", summary = "The authenticated person")
    UserAccount me(FleetUser user) {
        return accounts.findById(user.id()).orElseThrow(() -> new UnknownUserException(user.id()));
    }

    @GetMapping("/api/users")
    @PreAuthorize("hasRole('SYNDICATE_ADMIN')")
    @Operation(operationId = "listUsers", summary = "List people (administrators)")
    List<UserAccount> users() {
        return accounts.list();
    }

    @PostMapping("/api/users")
    @PreAuthorize("hasRole('SYNDICATE_ADMIN')")
    @Operation(operationId = "createUser", summary = "Create a person (administrators)")
    ResponseEntity<UserAccount> create(@RequestBody NewUser request, Actor actor) {
        UserAccount created = accounts.create(actor, request.username(), request.displayName(), request.role(),
                request.communes() == null ? Set.of() : request.communes(), request.password());
        return ResponseEntity.created(URI.create("/api/users/" + created.id())).body(created);
    }

    @GetMapping("/api/users/{id}")
    @PreAuthorize("hasRole('SYNDICATE_ADMIN')")
    @Operation(operationId = "getUser", summary = "One person (administrators)")
    UserAccount user(@PathVariable UUID id) {
        return accounts.findById(id).orElseThrow(() -> new UnknownUserException(id));
    }

    @PatchMapping("/api/users/{id}")
    @PreAuthorize("hasRole('SYNDICATE_ADMIN')")
    @Operation(operationId = "updateUser", summary = "Change a person's role, communes or enabled state (administrators)")
    UserAccount update(@PathVariable UUID id, @RequestBody UserChange change, FleetUser admin, Actor actor) {
        if (admin.id().equals(id) && (Boolean.FALSE.equals(change.enabled())
                || change.role() != null && change.role() != Role.SYNDICATE_ADMIN)) {
            throw new IllegalArgumentException("an administrator cannot disable or demote themselves: "
                    + "another administrator must do it, so that the syndicate is never left without one");
        }
        return accounts.update(actor, id, change.role(), change.communes(), change.enabled());
    }

    @GetMapping("/api/tokens")
    @Operation(operationId = "listTokens", summary = "My API tokens (never their secrets)")
    List<ApiTokens.TokenView> myTokens(FleetUser user) {
        return tokens.list(user.id());
    }

    /** Issues a token for the caller; the answer is the only time its secret is shown. */
    @PostMapping("/api/tokens")
    @Operation(operationId = "issueToken", summary = "Issue an API token for myself, shown once")
    ResponseEntity<ApiTokens.IssuedToken> issue(@RequestBody NewToken request, FleetUser user, Actor actor) {
        if (request.validityDays() != null && (request.validityDays() < 1 || request.validityDays() > 3650)) {
            throw new IllegalArgumentException("validityDays must be between 1 and 3650, or absent for no expiry");
        }
        ApiTokens.IssuedToken issued = tokens.issue(actor, user.id(), request.name(),
                request.validityDays() == null ? null : Duration.ofDays(request.validityDays()));
        return ResponseEntity.status(HttpStatus.CREATED).body(issued);
    }

    @DeleteMapping("/api/tokens/{id}")
    @Operation(operationId = "revokeToken", summary = "Revoke one of my API tokens")
    ResponseEntity<Void> revoke(@PathVariable UUID id, FleetUser user, Actor actor) {
        if (!tokens.revoke(actor, user.id(), id)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "You have no token with id " + id + ".");
            problem.setTitle("Unknown token");
            throw new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
        }
        return ResponseEntity.noContent().build();
    }
}
