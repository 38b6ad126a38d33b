package fr.mutualis.gateway.enrolment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * Who the fleet says this gateway is, and where it connects; kept next to the key and certificates.
 *
 * @param renewalUrl where it renews its certificate (the fleet's gateway HTTPS port, reached directly)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EnrolledIdentity(String gatewayId, String commune, String site, String mqttUrl, String fleetUrl,
                               String renewalUrl, String serial, Instant notAfter) {

    /** Where to renew: the renewal URL, or the fleet's URL for an enrolment recorded before it existed. */
    public String renewalBase() {
        return renewalUrl == null || renewalUrl.isBlank() ? fleetUrl : renewalUrl;
    }
}
