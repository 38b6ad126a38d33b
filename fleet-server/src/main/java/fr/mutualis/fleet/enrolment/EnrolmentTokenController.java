package fr.mutualis.fleet.enrolment;

import fr.mutualis.fleet.api.Page;
import fr.mutualis.fleet.audit.Actor;
import fr.mutualis.fleet.security.CommuneScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Enrolment tokens for the staff who install gateways; commune viewers have no use for them. */
@RestController
@RequestMapping("/api/enrolment-tokens")
@Tag(name = "Enrolment", description = "A gateway exchanges a single-use code and a CSR for its certificate.")
@PreAuthorize("hasAnyRole('SYNDICATE_ADMIN', 'SYNDICATE_OPERATOR', 'FIELD_TECHNICIAN')")
class EnrolmentTokenController {

    static final int MAX_LIMIT = 500;

    private final EnrolmentTokens tokens;

    EnrolmentTokenController(EnrolmentTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    @Operation(operationId = "createEnrolmentToken", summary = "Create an enrolment token",
            description = "A single-use code that enrols one gateway in the commune (and optionally the site and "
                    + "under the gateway id) given. The answer is the only time the code is shown; enrolmentUrl is "
                    + "what the QR code carries.")
    @ApiResponse(responseCode = "201", description = "Created.")
    ResponseEntity<CreatedEnrolmentToken> create(@RequestBody EnrolmentTokenRequest request, CommuneScope scope,
                                                 Actor actor) {
        CreatedEnrolmentToken created = tokens.create(request, scope, actor);
        return ResponseEntity.created(URI.create("/api/enrolment-tokens/" + created.id())).body(created);
    }

    @GetMapping
    @Operation(operationId = "listEnrolmentTokens", summary = "Enrolment tokens",
            description = "Tokens of the caller's communes, newest first, without their codes.")
    Page<EnrolmentTokenView> list(@Parameter(description = "Only this commune's tokens (INSEE code).")
                                  @RequestParam(required = false) String commune,
                                  @Parameter(description = "Cursor: the 'next' of the previous page.")
                                  @RequestParam(required = false) UUID after,
                                  @Parameter(description = "Page size.")
                                  @RequestParam(defaultValue = "50") @Min(1) @Max(MAX_LIMIT) int limit,
                                  CommuneScope scope) {
        return Page.of(tokens.list(scope, commune, after, limit + 1), limit, EnrolmentTokenView::id);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getEnrolmentToken", summary = "One enrolment token", description = "Without its code.")
    EnrolmentTokenView get(@Parameter(description = "The token's id.") @PathVariable UUID id, CommuneScope scope) {
        return tokens.find(scope, id).orElseThrow(() -> unknown(id));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "cancelEnrolmentToken", summary = "Cancel an enrolment token",
            description = "A cancelled code enrols nothing. A token already used cannot be cancelled (409): revoke "
                    + "the gateway instead.")
    @ApiResponse(responseCode = "204", description = "Cancelled.")
    ResponseEntity<Void> cancel(@Parameter(description = "The token's id.") @PathVariable UUID id, CommuneScope scope,
                                Actor actor) {
        EnrolmentTokenView token = tokens.find(scope, id).orElseThrow(() -> unknown(id));
        if (!tokens.cancel(id, token.commune(), actor)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "Token " + id + " is " + token.status() + ": only a pending token can be cancelled.");
            problem.setTitle("Token not pending");
            throw new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
        }
        return ResponseEntity.noContent().build();
    }

    private static ErrorResponseException unknown(UUID id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No enrolment token " + id + ".");
        problem.setTitle("Unknown enrolment token");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }
}
