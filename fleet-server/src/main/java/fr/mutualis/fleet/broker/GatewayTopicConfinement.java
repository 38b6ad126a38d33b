package fr.mutualis.fleet.broker;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import fr.mutualis.contract.Channel;
import fr.mutualis.contract.Identifiers;
import fr.mutualis.contract.Topics;
import fr.mutualis.fleet.pki.CertificateAuthority;
import fr.mutualis.fleet.pki.CertificateView;
import fr.mutualis.fleet.pki.GatewayCertificates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded broker, and where they may publish and subscribe.
 *
 * <ul>
 * <li>A gateway connects on the TLS listener with the certificate the syndicate's CA issued it
 *     (HiveMQ has already verified the chain). Its identity is the certificate's common name; its
 *     client id must be that same id (so it cannot take over another gateway's session); the
 *     certificate must be on record and not revoked. It may then publish only on its own
 *     gateway-to-fleet channels and subscribe only to its own fleet-to-gateway channels, under
 *     {@code mutualis/v1/<its commune>/<its id>/}: the commune is the one it was enrolled in.</li>
 * <li>The fleet server's own client, identified by its client id <em>and</em> a secret generated
 *     at every start, gets {@code mutualis/v1/#} on the plain loopback listener.</li>
 * <li>Only in the explicitly named loopback demo mode may a gateway use the plain listener,
 *     identified by its client id alone.</li>
 * </ul>
 */
final class GatewayTopicConfinement implements SimpleAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(GatewayTopicConfinement.class);

    private final String fleetClientId;
    private final byte[] fleetSecret;
    private final GatewayCertificates certificates;
    private final boolean loopbackDemoGateways;

    GatewayTopicConfinement(String fleetClientId, String fleetSecret, GatewayCertificates certificates,
                            boolean loopbackDemoGateways) {
        this.fleetClientId = fleetClientId;
        this.fleetSecret = fleetSecret.getBytes(StandardCharsets.UTF_8);
        this.certificates = certificates;
        this.loopbackDemoGateways = loopbackDemoGateways;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        String clientId = input.getConnectPacket().getClientId();
        Optional<X509Certificate> certificate = input.getConnectionInformation().getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate);
        if (certificate.isPresent()) {
            connectGateway(clientId, certificate.get(), output);
            return;
        }
        if (fleetClientId.equals(clientId)) {
            if (!presentsFleetSecret(input)) {
                output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "bad credentials for the fleet client id");
                return;
            }
            allowFleet(output);
            return;
        }
        if (!loopbackDemoGateways) {
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED,
                    "gateways connect on the TLS listener with their certificate");
            return;
        }
        if (!Identifiers.isValidGatewayId(clientId)) {
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "client id must be a gateway id (a-z, 0-9, '-')");
            return;
        }
        allow(output, Topics.ROOT + "/" + Topics.VERSION + "/+/" + clientId + "/#", TopicPermission.MqttActivity.ALL);
        output.authenticateSuccessfully();
    }

    private void connectGateway(String clientId, X509Certificate certificate, SimpleAuthOutput output) {
        String gatewayId = commonName(certificate).orElse("");
        if (clientId.equals(fleetClientId)) {
            // The fleet's session holds every gateway's traffic: never to a certificate.
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "reserved client id");
            return;
        }
        if (!gatewayId.equals(clientId)) {
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "the client id must be the gateway id of the certificate");
            return;
        }
        Optional<CertificateView> recorded = certificates.find(certificate.getSerialNumber(), Instant.now());
        if (recorded.isEmpty() || !recorded.get().gatewayId().equals(gatewayId)
                || !recorded.get().fingerprint().equals(CertificateAuthority.hexFingerprint(certificate))) {
            log.warn("Refused gateway {}: certificate {} is not one the fleet issued to it", gatewayId,
                    certificate.getSerialNumber().toString(16));
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "unknown certificate");
            return;
        }
        if (recorded.get().status() != CertificateView.Status.VALID) {
            log.warn("Refused gateway {}: certificate {} is {}", gatewayId, recorded.get().serial(), recorded.get().status());
            output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "certificate " + recorded.get().status());
            return;
        }
        String commune = recorded.get().commune();
        for (Channel channel : Channel.values()) {
            allow(output, Topics.topic(commune, gatewayId, channel), channel.fromGateway()
                    ? TopicPermission.MqttActivity.PUBLISH : TopicPermission.MqttActivity.SUBSCRIBE);
        }
        output.authenticateSuccessfully();
    }

    private boolean presentsFleetSecret(SimpleAuthInput input) {
        return input.getConnectPacket().getPassword().map(GatewayTopicConfinement::bytes)
                .map(password -> MessageDigest.isEqual(password, fleetSecret)).orElse(false);
    }

    private static void allowFleet(SimpleAuthOutput output) {
        allow(output, Topics.ROOT + "/" + Topics.VERSION + "/#", TopicPermission.MqttActivity.ALL);
        output.authenticateSuccessfully();
    }

    private static void allow(SimpleAuthOutput output, String topicFilter, TopicPermission.MqttActivity activity) {
        TopicPermission permission = Builders.topicPermission()
                .topicFilter(topicFilter)
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(activity)
                .build();
        output.getDefaultPermissions().add(permission);
        output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
    }

    static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
