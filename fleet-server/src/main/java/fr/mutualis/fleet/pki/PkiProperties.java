package fr.mutualis.fleet.pki;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The syndicate's certificate authority and what enrolled gateways are told.
 *
 * @param dir                  where the CA's certificates and the intermediate's key live
 * @param createIfMissing      create a root and an intermediate on first start (the one-command
 *                             run); production creates the root offline (docs/pki.md) and sets false
 * @param gatewayValidity      lifetime of a gateway certificate
 * @param serverNames          DNS names and IP addresses of the fleet's HTTPS port and embedded broker
 * @param httpsPort            the fleet's HTTPS port for gateways (enrolment), 0 for none
 * @param httpsAddress         where that port listens
 * @param advertisedFleetUrl   the HTTPS URL put in enrolment invitations (empty: https://first-server-name:httpsPort)
 * @param advertisedMqttUrl    the broker URL given to enrolled gateways, e.g. ssl://mqtt.example.org:8883
 * @param advertisedRenewalUrl where gateways renew their certificate: the gateway HTTPS port reached
 *                             directly, never through a TLS-terminating proxy (empty: https://first-server-name:httpsPort)
 * @param minRenewalInterval   a gateway may renew at most this often (a stolen key cannot fill the tables)
 * @param crlFile              where to write the certificate revocation list for an external broker (empty: none)
 * @param crlValidity          how long a published CRL is valid (re-issued every mutualis.pki.crl-refresh, 6 h)
 * @param brokerReloadCommand  run after the CRL is written, e.g. "systemctl reload mosquitto" (empty: none)
 * @param tokenValidity        default lifetime of an enrolment token
 * @param tokenMaxValidity     longest lifetime an enrolment token may be given
 */
@ConfigurationProperties("mutualis.pki")
public record PkiProperties(
        @DefaultValue("var/fleet/pki") Path dir,
        @DefaultValue("true") boolean createIfMissing,
        @DefaultValue("P397D") Duration gatewayValidity,
        @DefaultValue({"localhost", "127.0.0.1"}) List<String> serverNames,
        @DefaultValue("8443") int httpsPort,
        @DefaultValue("127.0.0.1") String httpsAddress,
        @DefaultValue("") String advertisedFleetUrl,
        @DefaultValue("ssl://localhost:8883") String advertisedMqttUrl,
        @DefaultValue("") String advertisedRenewalUrl,
        @DefaultValue("PT1H") Duration minRenewalInterval,
        @DefaultValue("") String crlFile,
        @DefaultValue("P7D") Duration crlValidity,
        @DefaultValue("") List<String> brokerReloadCommand,
        @DefaultValue("PT24H") Duration tokenValidity,
        @DefaultValue("P7D") Duration tokenMaxValidity) {

    /** Where gateways renew: the gateway HTTPS port itself. */
    public String renewalUrl() {
        if (!advertisedRenewalUrl.isBlank()) {
            return advertisedRenewalUrl.endsWith("/") ? advertisedRenewalUrl.substring(0, advertisedRenewalUrl.length() - 1)
                    : advertisedRenewalUrl;
        }
        return "https://" + serverNames.get(0) + ":" + httpsPort;
    }

    /** The fleet's HTTPS base URL as gateways reach it. */
    public String fleetUrl() {
        if (!advertisedFleetUrl.isBlank()) {
            return advertisedFleetUrl.endsWith("/") ? advertisedFleetUrl.substring(0, advertisedFleetUrl.length() - 1)
                    : advertisedFleetUrl;
        }
        return "https://" + serverNames.get(0) + ":" + httpsPort;
    }
}
