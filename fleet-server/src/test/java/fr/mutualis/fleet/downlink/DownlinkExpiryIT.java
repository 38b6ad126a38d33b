package fr.mutualis.fleet.downlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.mutualis.fleet.mqtt.GatewayMessageSubscriber;
import fr.mutualis.fleet.testsupport.TestFleet;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A downlink the broker never took — it was down from the moment the request was queued — is
 * published again while fresh, and ends EXPIRED, never sent, once the gateway would refuse it as
 * too old anyway; it does not stay QUEUED for ever.
 */
@SpringBootTest
class DownlinkExpiryIT {

    private static final String TXPK = """
            {"imme":true,"freq":869.525,"rfch":0,"powe":14,"modu":"LORA","datr":"SF9BW125","codr":"4/5",\
            "ipol":true,"data":"YAECAw=="}""";

    @DynamicPropertySource
    static void fleet(DynamicPropertyRegistry registry) throws IOException {
        TestFleet.withEmbeddedBroker(registry, "downlink-expiry");
        // Only the explicit call below runs the republication.
        registry.add("mutualis.downlinks.republish-interval", () -> "1h");
    }

    @Autowired
    DownlinkQueue downlinks;
    @Autowired
    GatewayMessageSubscriber fleetLink;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aDownlinkTheBrokerDidNotTakeInTimeExpiresAndAFreshOneIsPublishedAgain() {
        Instant now = Instant.now();
        jdbc.sql("""
                INSERT INTO gateway (id, commune, status, status_reason, status_changed_at, first_seen_at, last_seen_at)
                VALUES ('gw-expiry', '35238', 'ONLINE', 'birth', :now, :now, :now)
                """).param("now", Timestamp.from(now)).update();
        UUID stale = queued(now.minus(DownlinkQueue.REPUBLISH_WINDOW).minusSeconds(60));
        UUID fresh = queued(now.minusSeconds(20));
        await().atMost(Duration.ofSeconds(30)).until(fleetLink::isSubscribed);

        downlinks.republishQueued();

        DownlinkView expired = downlinks.find("gw-expiry", stale).orElseThrow();
        assertThat(expired.status()).isEqualTo("EXPIRED");
        assertThat(expired.detail()).isEqualTo("the broker did not take it within 10 min of its queuing; "
                + "the gateway would have refused it as too old");
        assertThat(expired.resultAt()).isNotNull();
        assertThat(expired.publishedAt()).as("never sent").isNull();
        assertThat(downlinks.find("gw-expiry", fresh).orElseThrow().status()).isEqualTo("PUBLISHED");

        // Expired is final: a later round leaves it as it is.
        downlinks.republishQueued();
        assertThat(downlinks.find("gw-expiry", stale).orElseThrow()).isEqualTo(expired);
    }

    private UUID queued(Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO downlink (id, gateway_id, txpk, status, queued_at)
                VALUES (:id, 'gw-expiry', CAST(:txpk AS jsonb), 'QUEUED', :at)
                """).param("id", id).param("txpk", TXPK).param("at", Timestamp.from(at)).update();
        return id;
    }
}
