package fr.mutualis.fleet.enrolment;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Where a gateway gets its certificate. There is no account here: the enrolment code is the
 * credential, so failures are counted per reason and per address, and an address that keeps
 * failing is refused for a while.
 */
@RestController
@Tag(name = "Enrolment", description = "A gateway exchanges a single-use code and a CSR for its certificate.")
class EnrolmentController {

    static final int MAX_FAILURES = 10;
    static final Duration FAILURE_WINDOW = Duration.ofMinutes(10);

    private final GatewayEnrolment enrolment;
    private final GatewayRenewal renewal;
    private final MeterRegistry meters;
    private final FailedAttempts failures = new FailedAttempts(MAX_FAILURES, FAILURE_WINDOW, Clock.systemUTC());

    EnrolmentController(GatewayEnrolment enrolment, GatewayRenewal renewal, MeterRegistry meters) {
        this.enrolment = enrolment;
        this.renewal = renewal;
        this.meters = meters;
    }

    @PostMapping("/api/enrolment")
    @SecurityRequirements
    @Operation(operationId = "enrolGateway", summary = "Enrol a gateway",
            description = "The gateway sends the enrolment code and a PKCS#10 CSR made with a key it generated "
                    + "itself (the private key never leaves it). It receives its certificate, the CA chain and the "
                    + "broker's address. The code is consumed only when a certificate is issued. Refusals carry a "
                    + "stable 'reason' (TOKEN_UNKNOWN, TOKEN_EXPIRED, TOKEN_USED, TOKEN_CANCELLED, "
                    + "GATEWAY_ID_MISMATCH, GATEWAY_ALREADY_ENROLLED, GATEWAY_IN_OTHER_COMMUNE, NO_GATEWAY_ID, BAD_CSR, "
                    + "TOO_MANY_ATTEMPTS).")
    @ApiResponse(responseCode = "201", description = "Enrolled.")
    ResponseEntity<EnrolmentResponse> enrol(@RequestBody(required = false) EnrolmentRequest request,
                                            HttpServletRequest http) {
        String address = http.getRemoteAddr();
        if (!failures.tryAttempt(address)) {
            refused(EnrolmentRefusedException.Reason.TOO_MANY_ATTEMPTS);
            throw new EnrolmentRefusedException(EnrolmentRefusedException.Reason.TOO_MANY_ATTEMPTS,
                    "Too many failed attempts from " + address + "; wait " + FAILURE_WINDOW.toMinutes() + " minutes.");
        }
        try {
            EnrolmentResponse enrolled = enrolment.enrol(request, address);
            failures.succeeded(address);
            meters.counter("mutualis.enrolment.enrolled").increment();
            return ResponseEntity.status(HttpStatus.CREATED).body(enrolled);
        } catch (EnrolmentRefusedException e) {
            refused(e.reason());
            throw e;
        } catch (RuntimeException e) {
            failures.succeeded(address); // the server's fault, not the caller's
            throw e;
        }
    }

    @PostMapping("/api/enrolment/renewal")
    @SecurityRequirements
    @Operation(operationId = "renewGatewayCertificate", summary = "Renew a gateway's certificate",
            description = "Only on the gateway HTTPS port, with mutual TLS: the gateway presents its current "
                    + "certificate (neither revoked nor expired) and sends a CSR for a new key pair. It receives a new "
                    + "certificate for the same gateway id and commune. Without a client certificate: 403.")
    @ApiResponse(responseCode = "201", description = "Renewed.")
    ResponseEntity<EnrolmentResponse> renew(@RequestBody(required = false) RenewalRequest request,
                                            HttpServletRequest http) {
        Object presented = http.getAttribute("jakarta.servlet.request.X509Certificate");
        if (!(presented instanceof java.security.cert.X509Certificate[] chain) || chain.length == 0) {
            meters.counter("mutualis.enrolment.renewal.refused", "reason", "NO_CLIENT_CERTIFICATE").increment();
            throw GatewayRenewal.forbidden("Renewal needs the gateway's current certificate, presented with mutual TLS "
                    + "on the gateway HTTPS port.");
        }
        try {
            EnrolmentResponse renewed = renewal.renew(chain[0], request);
            meters.counter("mutualis.enrolment.renewed").increment();
            return ResponseEntity.status(HttpStatus.CREATED).body(renewed);
        } catch (RuntimeException e) {
            meters.counter("mutualis.enrolment.renewal.refused", "reason", e.getClass().getSimpleName()).increment();
            throw e;
        }
    }

    private void refused(EnrolmentRefusedException.Reason reason) {
        meters.counter("mutualis.enrolment.refused", "reason", reason.name()).increment();
    }

    /**
     * What a phone shows when it opens the QR code's address: the code to type on the gateway, in
     * French and English. Opening it does not use the code.
     */
    @GetMapping(value = "/enrol", produces = MediaType.TEXT_HTML_VALUE)
    @SecurityRequirements
    @Operation(operationId = "enrolmentPage", summary = "Enrolment invitation page",
            description = "The page behind an enrolment QR code: it shows the code to enter on the gateway. It "
                    + "does not check or consume the code.")
    String invitation(@Parameter(description = "The enrolment code the QR code carries.")
                      @RequestParam(required = false) String code) {
        String shown = code == null ? "" : HtmlUtils.htmlEscape(code);
        return """
                <!doctype html>
                <html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
                <title>Mutualis : enrôlement</title></head>
                <body style="font-family:sans-serif;max-width:32em;margin:2em auto">
                <h1>Enrôlement d'une passerelle</h1>
                <p>Saisissez ce code dans la console locale de la passerelle, ou lancez
                <code>mutualis enrol</code> sur la passerelle :</p>
                <p style="font-size:2em;font-family:monospace">%s</p>
                <p>Le code ne sert qu'une fois et expire : si la passerelle le refuse, demandez-en un nouveau.</p>
                <hr><p lang="en">Gateway enrolment: enter this code in the gateway's local console, or run
                <code>mutualis enrol</code> on the gateway. The code works once and expires.</p>
                </body></html>
                """.formatted(shown);
    }
}
