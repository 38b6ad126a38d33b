package fr.mutualis.gateway.ota;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.mutualis.contract.UpdateOrder;
import fr.mutualis.contract.UpdateStatus;
import fr.mutualis.gateway.api.UpdateStatusSender;
import fr.mutualis.gateway.api.UplinkException;
import fr.mutualis.gateway.release.pkg.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the latest {@link CampaignRecord} in {@code <data dir>/ota/campaign.json} and delivers its
 * status: at once when the uplink can take it, otherwise again and again ({@link #resendPending})
 * until the broker acknowledged it. Only the latest status matters: an older one that was never
 * delivered is superseded, which the fleet accepts (it keeps the latest step per campaign).
 */
final class StatusJournal {

    private final Path file;
    private final Supplier<UpdateStatusSender> sender;
    private final OtaMetrics metrics;
    private final Consumer<String> warn;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private CampaignRecord current;

    StatusJournal(Path file, Supplier<UpdateStatusSender> sender, OtaMetrics metrics, Consumer<String> warn) {
        this.file = file;
        this.sender = sender;
        this.metrics = metrics;
        this.warn = warn;
        this.current = readQuietly();
    }

    synchronized Optional<CampaignRecord> latest() {
        return Optional.ofNullable(current);
    }

    /** Records a new step of {@code order}, then tries to send it. */
    synchronized void record(UpdateOrder order, UpdateStatus status) {
        current = new CampaignRecord(order, status, false);
        persist();
        deliver();
    }

    /** Sends the latest status again if the broker has not acknowledged it yet. */
    synchronized void resendPending() {
        if (current != null && !current.acknowledged()) {
            deliver();
        }
    }

    private void deliver() {
        UpdateStatusSender uplink = sender.get();
        if (uplink == null) {
            return;
        }
        try {
            uplink.sendUpdateStatus(current.status());
            current = new CampaignRecord(current.order(), current.status(), true);
            persist();
        } catch (UplinkException | RuntimeException e) {
            // not connected or refused: the resend tick tries again
            metrics.statusSendFailures.incrementAndGet();
        }
    }

    private void persist() {
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, json.writeValueAsBytes(current));
        } catch (IOException e) {
            // the status still goes out now; only its survival across a restart is lost
            warn.accept("Cannot save the update status to " + file + ": " + e.getMessage());
        }
    }

    private CampaignRecord readQuietly() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return json.readValue(file.toFile(), CampaignRecord.class);
        } catch (IOException | RuntimeException e) {
            warn.accept("Ignoring the unreadable update record " + file + ": " + e.getMessage());
            return null;
        }
    }
}
