package fr.mutualis.fleet.campaign;

import fr.mutualis.contract.Channel;
import fr.mutualis.contract.Topics;
import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.fleet.mqtt.GatewayMessageSubscriber;
import fr.mutualis.fleet.pki.PkiProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts on each target's retained {@code update} topic what the campaign wants there: its order, or
 * an empty message that withdraws it. Runs after the change is committed; what the broker did not
 * take (it was down) stays marked unpublished and is published again at the next tick. The
 * publication is marked done only if nobody changed what is wanted meanwhile.
 */
@Component
class CampaignOrders {

    private static final Logger log = LoggerFactory.getLogger(CampaignOrders.class);
    private static final int BATCH = 500;

    private final ObjectProvider<GatewayMessageSubscriber> mqtt;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CampaignRecords campaigns;
    private final PkiProperties pki;
    private final MeterRegistry meters;

    CampaignOrders(ObjectProvider<GatewayMessageSubscriber> mqtt, JdbcClient jdbc, JsonMapper json,
                   CampaignRecords campaigns, PkiProperties pki, MeterRegistry meters) {
        this.mqtt = mqtt;
        this.jdbc = jdbc;
        this.json = json;
        this.campaigns = campaigns;
        this.pki = pki;
        this.meters = meters;
    }

    private record Unpublished(String gatewayId, String commune, String wanted, Instant issuedAt) {
    }

    /** Publishes everything due for one campaign, a batch at a time; returns how many messages the broker took. */
    int publish(UUID campaignId) {
        int total = 0;
        while (true) {
            Batch batch = publishBatch(campaignId);
            total += batch.published();
            if (!batch.complete() || batch.due() < BATCH) {
                return total;
            }
        }
    }

    /** How a batch went: how many were due, how many the broker took, whether it took them all. */
    private record Batch(int due, int published, boolean complete) {
    }

    private Batch publishBatch(UUID campaignId) {
        GatewayMessageSubscriber link = mqtt.getIfAvailable();
        CampaignRecords.Campaign campaign = campaigns.find(campaignId).orElse(null);
        if (link == null || campaign == null) {
            return new Batch(0, 0, false);
        }
        List<Unpublished> due = jdbc.sql("""
                SELECT gateway_id, commune, wanted_message, issued_at FROM campaign_target
                WHERE campaign_id = :id AND wanted_message <> published_message ORDER BY wave, gateway_id LIMIT :limit
                """).param("id", campaignId).param("limit", BATCH)
                .query((rs, row) -> new Unpublished(rs.getString("gateway_id"), rs.getString("commune"),
                        rs.getString("wanted_message"), rs.getTimestamp("issued_at") == null ? null
                                : rs.getTimestamp("issued_at").toInstant()))
                .list();
        int published = 0;
        for (Unpublished target : due) {
            byte[] payload = "ORDER".equals(target.wanted()) ? json.writeValueAsBytes(order(campaign, target)) : new byte[0];
            try {
                link.publish(Topics.topic(target.commune(), target.gatewayId(), Channel.UPDATE), payload, true);
            } catch (Exception e) {
                log.warn("Update {} for {} of campaign {} not published yet: {}", target.wanted().toLowerCase(),
                        target.gatewayId(), campaignId, e.getMessage());
                return new Batch(due.size(), published, false);
            }
            jdbc.sql("""
                    UPDATE campaign_target SET published_message = :wanted
                    WHERE campaign_id = :id AND gateway_id = :gateway AND wanted_message = :wanted
                      AND issued_at IS NOT DISTINCT FROM :issued
                    """).param("id", campaignId).param("gateway", target.gatewayId()).param("wanted", target.wanted())
                    .param("issued", target.issuedAt() == null ? null : Timestamp.from(target.issuedAt())).update();
            meters.counter("mutualis.campaigns.published", "message", target.wanted().toLowerCase()).increment();
            published++;
        }
        return new Batch(due.size(), published, true);
    }

    /** Every campaign with something unpublished, the finished ones included (their withdrawals). */
    void publishAll() {
        jdbc.sql("SELECT DISTINCT campaign_id FROM campaign_target WHERE wanted_message <> published_message")
                .query((rs, row) -> rs.getObject("campaign_id", UUID.class)).list().forEach(this::publish);
    }

    private UpdateOrder order(CampaignRecords.Campaign campaign, Unpublished target) {
        CampaignSettings settings = campaign.settings();
        return new UpdateOrder(UpdateOrder.VERSION, target.gatewayId(), target.commune(), campaign.id().toString(),
                campaign.release(), packageUrl(campaign.release()), campaign.sha256(), campaign.size(), campaign.signature(),
                settings.allowDowngrade(), settings.healthWindowSeconds(), settings.contactTimeoutSeconds(),
                settings.maxBytesPerSecond(), target.issuedAt() == null ? Instant.now() : target.issuedAt());
    }

    /** The gateway HTTPS port as gateways reach it directly (mutual TLS cannot pass a TLS-terminating proxy). */
    String packageUrl(String release) {
        return pki.renewalUrl() + "/api/releases/" + URLEncoder.encode(release, StandardCharsets.UTF_8) + "/package";
    }
}
