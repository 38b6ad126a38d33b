package fr.mutualis.fleet.campaign;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drives campaigns: a tick every {@code mutualis.campaigns.tick-interval} for time-outs, windows
 * and missed publications, and an immediate step when a status or a birth may have finished a
 * wave. Immediate steps run on a thread of their own — never on the MQTT client's callback thread,
 * which must not wait for the broker's acknowledgement of the orders it publishes — and requests
 * for a campaign already waiting to be stepped are merged.
 */
@Component
class CampaignEngine {

    private static final Logger log = LoggerFactory.getLogger(CampaignEngine.class);

    private final CampaignRecords campaigns;
    private final CampaignSteps steps;
    private final CampaignOrders orders;
    private final ExecutorService soon = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "campaign-engine");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<UUID> queued = ConcurrentHashMap.newKeySet();

    CampaignEngine(CampaignRecords campaigns, CampaignSteps steps, CampaignOrders orders) {
        this.campaigns = campaigns;
        this.steps = steps;
        this.orders = orders;
    }

    @Scheduled(fixedDelayString = "${mutualis.campaigns.tick-interval:10s}")
    void tick() {
        try {
            for (UUID id : campaigns.running()) {
                step(id);
            }
            // Withdrawals of campaigns that just ended, and anything the broker missed.
            orders.publishAll();
        } catch (RuntimeException e) {
            log.warn("Campaign tick failed (the next one tries again): {}", e.getMessage());
        }
    }

    /** Steps the campaign now, then publishes what changed. */
    void step(UUID id) {
        try {
            steps.advance(id, Instant.now());
            orders.publish(id);
        } catch (RuntimeException e) {
            log.warn("Campaign {} could not be stepped (next tick tries again): {}", id, e.getMessage());
        }
    }

    /** Steps the campaign soon, off the caller's thread. */
    void stepSoon(UUID id) {
        if (queued.add(id)) {
            soon.execute(() -> {
                queued.remove(id);
                step(id);
            });
        }
    }

    @PreDestroy
    void stop() {
        soon.shutdownNow();
    }
}
