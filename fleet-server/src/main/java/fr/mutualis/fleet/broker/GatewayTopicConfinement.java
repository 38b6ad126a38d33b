package fr.mutualis.fleet.broker;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.TopicPermission;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import fr.mutualis.contract.Identifiers;
import fr.mutualis.contract.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Who may connect to the embedded broker, and where they may publish and subscribe.
 *
 * <ul>
 * <li>The fleet server's own client, identified by its client id <em>and</em> a secret generated
 *     at every start, gets {@code mutualis/v1/#}.</li>
 * <li>Any other client must use a valid gateway id as client id and is confined to
 *     {@code mutualis/v1/+/<its id>/#}: it cannot touch another gateway's topics.</li>
 * </ul>
 *
 * <p>Until certificate-based enrolment exists, the embedded broker takes a gateway's word for its
 * id: that is only acceptable because it listens on loopback (the demo mode). The mTLS identity
 * replaces this check, and the confinement rule stays.
 */
final class GatewayTopicConfinement implements SimpleAuthenticator {

    private final String fleetClientId;
    private final byte[] fleetSecret;

    GatewayTopicConfinement(String fleetClientId, String fleetSecret) {
        this.fleetClientId = fleetClientId;
        this.fleetSecret = fleetSecret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        String clientId = input.getConnectPacket().getClientId();
        if (fleetClientId.equals(clientId)) {
            if (!presentsFleetSecret(input)) {
                output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "bad credentials for the fleet client id");
                return;
            }
            allow(output, Topics.ROOT + "/" + Topics.VERSION + "/#");
            return;
        }
        if (!Identifiers.isValidGatewayId(clientId)) {
            output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID,
                    "client id must be a gateway id (a-z, 0-9, '-')");
            return;
        }
        allow(output, Topics.ROOT + "/" + Topics.VERSION + "/+/" + clientId + "/#");
    }

    private boolean presentsFleetSecret(SimpleAuthInput input) {
        return input.getConnectPacket().getPassword().map(GatewayTopicConfinement::bytes)
                .map(password -> MessageDigest.isEqual(password, fleetSecret)).orElse(false);
    }

    private static void allow(SimpleAuthOutput output, String topicFilter) {
        TopicPermission permission = Builders.topicPermission()
                .topicFilter(topicFilter)
                .type(TopicPermission.PermissionType.ALLOW)
                .activity(TopicPermission.MqttActivity.ALL)
                .build();
        output.getDefaultPermissions().add(permission);
        output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
        output.authenticateSuccessfully();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
