package fr.mutualis.provisioning.checklist;

import com.fasterxml.jackson.databind.JsonNode;
import fr.mutualis.provisioning.Messages;
import fr.mutualis.provisioning.Times;
import fr.mutualis.provisioning.checklist.CheckResult.Check;
import fr.mutualis.provisioning.fleet.FleetClient;
import fr.mutualis.provisioning.fleet.FleetException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a technician checks before leaving an installation, judged from the fleet's point of view
 * (what the fleet sees is what the syndicate will see tomorrow):
 *
 * <ul>
 *   <li>certificate: {@code GET /api/gateways/{id}/certificates}, one VALID certificate that does not
 *       expire within {@link #CERTIFICATE_MARGIN};</li>
 *   <li>backhaul: {@code GET /api/gateways/{id}} says ONLINE;</li>
 *   <li>concentrator heard: the packet forwarder's {@code stat} objects become the
 *       {@code concentrator.stat.*} metrics of the health report ({@code docs/protocol.md}). The health
 *       history ({@code /health}) keeps only {@code concentrator.temperature} of them, so the counters
 *       are read from the complete latest report, {@code lastHealth} of the gateway view;</li>
 *   <li>clock: the latest health report ({@code GET /api/gateways/{id}/health?limit=1}) carries both the
 *       gateway's clock ({@code reportedAt}) and the fleet's ({@code receivedAt}). Their difference is
 *       the clock offset plus the report's transit (MQTT, normally well under a second), so within
 *       {@link #CLOCK_TOLERANCE} means the clock is set;</li>
 *   <li>first reading: {@code GET /api/gateways/{id}/readings?limit=1} is not empty.</li>
 * </ul>
 *
 * "Now" is the fleet's clock (the HTTP {@code Date} header) when it sends one, not the laptop's.
 */
final class InstallChecklist {

    static final Duration CERTIFICATE_MARGIN = Duration.ofDays(7);
    /** The forwarder sends {@code stat} every 30 s and the agent reports every 30 s: four periods of silence is a fault. */
    static final Duration CONCENTRATOR_SILENCE = Duration.ofSeconds(120);
    static final Duration CLOCK_TOLERANCE = Duration.ofSeconds(5);

    private final FleetClient fleet;
    private final Messages messages;

    InstallChecklist(FleetClient fleet, Messages messages) {
        this.fleet = fleet;
        this.messages = messages;
    }

    List<CheckResult> run(String gatewayId) throws FleetException {
        String path = "/api/gateways/" + FleetClient.segment(gatewayId);
        FleetClient.Reply gatewayReply = fleet.get(path);
        Instant now = gatewayReply.date().orElseGet(Instant::now);
        JsonNode gateway = gatewayReply.json();
        JsonNode certificates = fleet.get(path + "/certificates").json();
        JsonNode health = fleet.get(path + "/health?limit=1").json();
        JsonNode readings = fleet.get(path + "/readings?limit=1").json();
        JsonNode latestHealth = health != null && health.isArray() && !health.isEmpty() ? health.get(0) : null;
        JsonNode firstReading = readings == null ? null : readings.path("items").path(0);
        return List.of(
                certificate(certificates, now),
                backhaul(gateway),
                concentrator(gateway, now),
                clock(latestHealth),
                firstReading(gateway, firstReading == null || firstReading.isMissingNode() ? null : firstReading));
    }

    CheckResult certificate(JsonNode certificates, Instant now) throws FleetException {
        JsonNode best = null;
        boolean revoked = false;
        boolean any = false;
        if (certificates != null) {
            for (JsonNode certificate : certificates) {
                any = true;
                String status = FleetClient.text(certificate, "status");
                revoked |= "REVOKED".equals(status);
                if ("VALID".equals(status) && (best == null
                        || later(FleetClient.instant(certificate, "notAfter"), FleetClient.instant(best, "notAfter")))) {
                    best = certificate;
                }
            }
        }
        if (best == null) {
            String why = !any ? "checklist.certificate.none" : revoked ? "checklist.certificate.revoked" : "checklist.certificate.expired";
            return CheckResult.fail(Check.CERTIFICATE, messages.get(why), messages.get("checklist.certificate.hint.enrol"));
        }
        Instant notAfter = FleetClient.instant(best, "notAfter");
        String serial = String.valueOf(FleetClient.text(best, "serial"));
        if (notAfter != null && notAfter.isBefore(now.plus(CERTIFICATE_MARGIN))) {
            return CheckResult.fail(Check.CERTIFICATE,
                    messages.get("checklist.certificate.expiring", Times.full(messages, notAfter), serial),
                    messages.get("checklist.certificate.hint.renew"));
        }
        return CheckResult.pass(Check.CERTIFICATE, messages.get("checklist.certificate.ok", Times.full(messages, notAfter), serial));
    }

    CheckResult backhaul(JsonNode gateway) {
        String status = FleetClient.text(gateway, "status");
        String since = Times.duration(messages, Duration.ofSeconds(gateway.path("statusDurationSeconds").asLong()));
        if ("ONLINE".equals(status)) {
            return CheckResult.pass(Check.BACKHAUL, messages.get("checklist.backhaul.online", since));
        }
        if ("STALE".equals(status)) {
            return CheckResult.fail(Check.BACKHAUL, messages.get("checklist.backhaul.stale", since),
                    messages.get("checklist.backhaul.hint"));
        }
        if (FleetClient.text(gateway, "firstSeenAt") == null) {
            return CheckResult.fail(Check.BACKHAUL, messages.get("checklist.backhaul.never"), messages.get("checklist.backhaul.hint"));
        }
        String reason = FleetClient.text(gateway, "statusReason");
        return CheckResult.fail(Check.BACKHAUL, messages.get("checklist.backhaul.offline", since, reason == null ? "?" : reason),
                messages.get("checklist.backhaul.hint"));
    }

    CheckResult concentrator(JsonNode gateway, Instant now) throws FleetException {
        JsonNode report = gateway.get("lastHealth");
        Instant reportReceivedAt = FleetClient.instant(gateway, "lastHealthAt");
        if (report == null || report.isNull() || reportReceivedAt == null) {
            return CheckResult.fail(Check.CONCENTRATOR, messages.get("checklist.concentrator.no.report"),
                    messages.get("checklist.concentrator.hint.report"));
        }
        JsonNode metrics = report.path("metrics");
        long reports = metrics.path("concentrator.stat.reports").asLong(0);
        JsonNode statAge = metrics.get("concentrator.stat.age.seconds");
        if (reports <= 0 || statAge == null || !statAge.isNumber()) {
            return CheckResult.fail(Check.CONCENTRATOR, messages.get("checklist.concentrator.never"),
                    messages.get("checklist.concentrator.hint"));
        }
        // The stat's age when the gateway reported, plus the report's own age at the fleet.
        Duration age = Duration.ofSeconds(statAge.asLong()).plus(positive(Duration.between(reportReceivedAt, now)));
        String ago = Times.duration(messages, age);
        if (age.compareTo(CONCENTRATOR_SILENCE) > 0) {
            return CheckResult.fail(Check.CONCENTRATOR, messages.get("checklist.concentrator.silent", ago),
                    messages.get("checklist.concentrator.hint"));
        }
        return CheckResult.pass(Check.CONCENTRATOR, messages.get("checklist.concentrator.ok", ago,
                metrics.path("concentrator.rxnb").asLong(0), metrics.path("concentrator.rxok").asLong(0)));
    }

    CheckResult clock(JsonNode latestHealth) throws FleetException {
        Instant reportedAt = FleetClient.instant(latestHealth, "reportedAt");
        Instant receivedAt = FleetClient.instant(latestHealth, "receivedAt");
        if (reportedAt == null || receivedAt == null) {
            return CheckResult.fail(Check.CLOCK, messages.get("checklist.clock.no.report"),
                    messages.get("checklist.concentrator.hint.report"));
        }
        Duration offset = Duration.between(receivedAt, reportedAt);
        String seconds = String.format(messages.locale(), "%.1f", Math.abs(offset.toMillis()) / 1000.0);
        String direction = messages.get(offset.isNegative() ? "checklist.clock.behind" : "checklist.clock.ahead", seconds);
        if (offset.abs().compareTo(CLOCK_TOLERANCE) > 0) {
            return CheckResult.fail(Check.CLOCK, messages.get("checklist.clock.off", direction, Times.full(messages, receivedAt)),
                    messages.get("checklist.clock.hint"));
        }
        return CheckResult.pass(Check.CLOCK, messages.get("checklist.clock.ok", direction));
    }

    CheckResult firstReading(JsonNode gateway, JsonNode firstReading) throws FleetException {
        if (firstReading == null) {
            return CheckResult.fail(Check.FIRST_READING, messages.get("checklist.reading.none"), messages.get("checklist.reading.hint"));
        }
        long count = Math.max(1, gateway.path("readingCount").asLong(1));
        Instant last = FleetClient.instant(gateway, "lastReadingAt");
        if (last == null) {
            last = FleetClient.instant(firstReading, "receivedAt");
        }
        return CheckResult.pass(Check.FIRST_READING, messages.get("checklist.reading.ok", count, Times.full(messages, last)));
    }

    private static boolean later(Instant a, Instant b) {
        return b == null || (a != null && a.isAfter(b));
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    static String format(Messages messages, CheckResult result) {
        String line = (result.passed() ? "✔ " : "✘ ") + messages.get("checklist.line", messages.get(result.check().label),
                result.explanation());
        return result.passed() ? line : line + "\n    → " + result.hint();
    }
}
