package fr.mutualis.fleet.release;

import fr.mutualis.fleet.pki.CertificateAuthority;
import fr.mutualis.fleet.pki.CertificateView;
import fr.mutualis.fleet.pki.GatewayCertificates;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where gateways download a release: on the gateway HTTPS port, with mutual TLS. The client
 * certificate is the credential — issued by this fleet, neither revoked nor expired — as for a
 * renewal. Spring answers {@code Range} requests from the file resource (206 with
 * {@code Content-Range}), which is how a gateway resumes a download cut halfway.
 */
@RestController
@Tag(name = "Releases", description = "Signed deployment packages (complete bundle sets) that campaigns roll out.")
class ReleaseDownloadController {

    private static final Logger log = LoggerFactory.getLogger(ReleaseDownloadController.class);
    static final MediaType DEPLOYMENT_PACKAGE = MediaType.parseMediaType("application/vnd.osgi.dp");

    private final Releases releases;
    private final GatewayCertificates certificates;
    private final MeterRegistry meters;

    ReleaseDownloadController(Releases releases, GatewayCertificates certificates, MeterRegistry meters) {
        this.releases = releases;
        this.certificates = certificates;
        this.meters = meters;
    }

    @GetMapping("/api/releases/{version}/package")
    @SecurityRequirements
    @Operation(operationId = "downloadReleasePackage", summary = "Download a release's package (gateways)",
            description = "Only on the gateway HTTPS port, with mutual TLS: the gateway presents its certificate "
                    + "(issued by this fleet, neither revoked nor expired). Supports `Range` (206 with `Content-Range`) "
                    + "to resume. Without a valid client certificate: 403.")
    ResponseEntity<Resource> download(@Parameter(description = "The release's version.") @PathVariable String version,
                                      HttpServletRequest http) {
        String gatewayId = requireGateway(http);
        Path file = releases.packageFile(version).filter(Files::isRegularFile)
                .orElseThrow(() -> Releases.unknown(version));
        meters.counter("mutualis.releases.downloads").increment();
        log.debug("Gateway {} downloads release {} (Range: {})", gatewayId, version, http.getHeader("Range"));
        String sha256 = file.getFileName().toString().replace(".dp", "");
        return ResponseEntity.ok().contentType(DEPLOYMENT_PACKAGE).eTag("\"" + sha256 + "\"")
                .cacheControl(CacheControl.noCache()).body(new FileSystemResource(file));
    }

    private String requireGateway(HttpServletRequest http) {
        Object presented = http.getAttribute("jakarta.servlet.request.X509Certificate");
        if (!(presented instanceof X509Certificate[] chain) || chain.length == 0) {
            throw refused("NO_CLIENT_CERTIFICATE", "Downloading a release needs the gateway's certificate, presented "
                    + "with mutual TLS on the gateway HTTPS port.");
        }
        CertificateView certificate = certificates.find(chain[0].getSerialNumber(), Instant.now())
                .filter(found -> found.fingerprint().equals(CertificateAuthority.hexFingerprint(chain[0])))
                .orElseThrow(() -> refused("UNKNOWN_CERTIFICATE", "This certificate was not issued to a gateway by this fleet."));
        if (certificate.status() != CertificateView.Status.VALID) {
            throw refused(certificate.status().name(), "This certificate is " + certificate.status() + ".");
        }
        return certificate.gatewayId();
    }

    private ErrorResponseException refused(String reason, String detail) {
        meters.counter("mutualis.releases.download.refused", "reason", reason).increment();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle("Download refused");
        return new ErrorResponseException(HttpStatus.FORBIDDEN, problem, null);
    }
}
