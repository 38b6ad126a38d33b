package fr.mutualis.fleet.mqtt;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.ConfigurationReport;
import fr.mutualis.contract.DownlinkResult;
import fr.mutualis.contract.GatewayState;
import fr.mutualis.contract.HealthReport;
import fr.mutualis.contract.LocalAction;
import fr.mutualis.contract.LocalActionBatch;
import fr.mutualis.contract.ReadingBatch;
import fr.mutualis.contract.Topics;
import fr.mutualis.contract.UpdateStatus;
import fr.mutualis.fleet.campaign.CampaignReports;
import fr.mutualis.fleet.action.LocalActionIngest;
import fr.mutualis.fleet.configuration.ReportedConfigurations;
import fr.mutualis.fleet.downlink.DownlinkQueue;
import fr.mutualis.fleet.gateway.GatewayPresence;
import fr.mutualis.fleet.health.HealthIntake;
import fr.mutualis.fleet.pki.EnrolledIdentities;
import fr.mutualis.fleet.reading.ReadingIngest;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Decodes a message from a gateway topic, checks it against the contract, and hands it to the
 * feature that owns it. Anything that breaks the contract is counted by reason and dropped;
 * storage failures propagate, so that the message is not acknowledged and comes again.
 */
@Component
public class GatewayMessageRouter {

    private static final Logger log = LoggerFactory.getLogger(GatewayMessageRouter.class);

    private final JsonMapper json;
    private final ReadingIngest readings;
    private final GatewayPresence presence;
    private final HealthIntake health;
    private final DownlinkQueue downlinks;
    private final ReportedConfigurations configurations;
    private final MeterRegistry meters;
    private final EnrolledIdentities identities;
    private final LocalActionIngest actions;
    private final CampaignReports campaigns;

    GatewayMessageRouter(JsonMapper json, ReadingIngest readings, GatewayPresence presence, HealthIntake health,
                         DownlinkQueue downlinks, ReportedConfigurations configurations, MeterRegistry meters,
                         EnrolledIdentities identities, LocalActionIngest actions, CampaignReports campaigns) {
        this.actions = actions;
        this.campaigns = campaigns;
        this.identities = identities;
        this.json = json;
        this.readings = readings;
        this.presence = presence;
        this.health = health;
        this.downlinks = downlinks;
        this.configurations = configurations;
        this.meters = meters;
    }

    /** Routes one message; returns normally when it was handled or deliberately dropped. */
    public void route(String topic, byte[] payload) {
        try {
            dispatch(topic, payload);
        } catch (RejectedMessageException e) {
            meters.counter("mutualis.mqtt.rejected", "reason", e.reason()).increment();
            log.warn("Rejected message on {}: {}", topic, e.getMessage());
        }
    }

    private void dispatch(String topic, byte[] payload) throws RejectedMessageException {
        Topics.GatewayTopic gatewayTopic = Topics.parse(topic)
                .orElseThrow(() -> new RejectedMessageException("bad-topic", "not a gateway topic of the contract"));
        meters.counter("mutualis.mqtt.messages", "channel", gatewayTopic.channel().topicLevel()).increment();
        if (payload.length == 0) {
            // A retained message being cleared: nothing to do.
            return;
        }
        var refusal = identities.refusal(gatewayTopic.gatewayId(), gatewayTopic.commune());
        if (refusal.isPresent()) {
            throw new RejectedMessageException(refusal.get(), "gateway " + gatewayTopic.gatewayId() + " may not send this ("
                    + refusal.get() + ")");
        }
        switch (gatewayTopic.channel()) {
            case UP -> {
                ReadingBatch batch = decode(payload, ReadingBatch.class);
                requireVersion(batch.v(), ReadingBatch.VERSION);
                requireSameGateway(gatewayTopic, batch.gatewayId(), batch.commune());
                readings.ingest(batch.gatewayId(), batch.commune(), batch.readings());
            }
            case STATE -> {
                GatewayState state = decode(payload, GatewayState.class);
                requireVersion(state.v(), GatewayState.VERSION);
                requireSameGateway(gatewayTopic, state.gatewayId(), state.commune());
                if (state.status() == null || state.session() == null) {
                    throw new RejectedMessageException("bad-envelope", "state without status or session");
                }
                presence.onState(state);
                if (state.status() == GatewayState.Status.ONLINE && state.release() != null) {
                    campaigns.onRelease(state.gatewayId(), state.release());
                }
            }
            case HEALTH -> {
                HealthReport report = decode(payload, HealthReport.class);
                requireVersion(report.v(), HealthReport.VERSION);
                requireSameGateway(gatewayTopic, report.gatewayId(), report.commune());
                health.onReport(report, payload);
            }
            case TX_ACK -> {
                DownlinkResult result = decode(payload, DownlinkResult.class);
                requireVersion(result.v(), DownlinkResult.VERSION);
                requireSameGateway(gatewayTopic, result.gatewayId(), result.commune());
                if (result.id() == null || result.status() == null) {
                    throw new RejectedMessageException("bad-envelope", "downlink result without id or status");
                }
                downlinks.onResult(result);
                presence.onActivity(result.gatewayId());
            }
            case CONFIG_STATE -> {
                ConfigurationReport report = decode(payload, ConfigurationReport.class);
                requireVersion(report.v(), ConfigurationReport.VERSION);
                requireSameGateway(gatewayTopic, report.gatewayId(), report.commune());
                if (report.outcome() == null) {
                    throw new RejectedMessageException("bad-envelope", "configuration report without outcome");
                }
                presence.onActivity(report.gatewayId());
                configurations.onReport(report);
            }
            case ACTIONS -> {
                LocalActionBatch batch = decode(payload, LocalActionBatch.class);
                requireVersion(batch.v(), LocalActionBatch.VERSION);
                requireSameGateway(gatewayTopic, batch.gatewayId(), batch.commune());
                for (LocalAction action : batch.actions()) {
                    if (action.sequence() <= 0 || action.at() == null || action.kind() == null || action.subject() == null) {
                        throw new RejectedMessageException("bad-envelope",
                                "local action without a positive sequence, time, kind or subject");
                    }
                }
                presence.onActivity(batch.gatewayId());
                actions.record(batch.gatewayId(), batch.commune(), batch.actions());
            }
            case UPDATE_STATE -> {
                UpdateStatus status = decode(payload, UpdateStatus.class);
                requireVersion(status.v(), UpdateStatus.VERSION);
                requireSameGateway(gatewayTopic, status.gatewayId(), status.commune());
                if (status.step() == null || status.release() == null) {
                    throw new RejectedMessageException("bad-envelope", "update status without step or release");
                }
                UUID campaign;
                try {
                    campaign = UUID.fromString(String.valueOf(status.campaign()));
                } catch (IllegalArgumentException e) {
                    throw new RejectedMessageException("bad-envelope", "update status whose campaign is not a campaign id: "
                            + status.campaign());
                }
                presence.onActivity(status.gatewayId());
                campaigns.onStatus(campaign, status);
            }
            case DOWN, CONFIG, UPDATE -> throw new RejectedMessageException("wrong-direction",
                    "the " + gatewayTopic.channel().topicLevel() + " channel carries fleet-to-gateway messages only");
        }
    }

    private <T> T decode(byte[] payload, Class<T> type) throws RejectedMessageException {
        try {
            return json.readValue(payload, type);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new RejectedMessageException("bad-json", "cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static void requireVersion(int actual, int expected) throws RejectedMessageException {
        if (actual != expected) {
            throw new RejectedMessageException("unsupported-version",
                    "envelope version " + actual + ", this server reads version " + expected);
        }
    }

    /** A gateway may only speak for itself: the envelope must name the gateway of its topic. */
    private static void requireSameGateway(Topics.GatewayTopic topic, String gatewayId, String commune)
            throws RejectedMessageException {
        if (!topic.gatewayId().equals(gatewayId) || !topic.commune().equals(commune)) {
            throw new RejectedMessageException("identity-mismatch", "envelope names " + gatewayId + "/" + commune
                    + " on the topic of " + topic.gatewayId() + "/" + topic.commune());
        }
    }

    /** The fleet's subscription is up: from now on a gateway's silence is its own. */
    void fleetConnected() {
        presence.fleetLinkUp();
    }

    /** The fleet's subscription is down: what gateways publish meanwhile waits at the broker. */
    void fleetDisconnected() {
        presence.fleetLinkDown();
    }

    /** The channels gateways publish on; the fleet's own {@code down} messages are not read back. */
    static Channel[] subscribedChannels() {
        return Arrays.stream(Channel.values()).filter(Channel::fromGateway).toArray(Channel[]::new);
    }
}
