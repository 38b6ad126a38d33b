package fr.mutualis.fleet.campaign;

import fr.mutualis.contract.Identifiers;
import java.util.List;

/**
 * A campaign's request with its defaults filled in and checked, as stored with the campaign.
 * Every error names the field, so the operator's 400 says what to fix.
 */
record CampaignSettings(
        List<String> communes,
        List<String> tags,
        List<String> releases,
        List<String> canaries,
        List<Integer> waves,
        FailureThreshold failureThreshold,
        int healthWindowSeconds,
        int contactTimeoutSeconds,
        long maxBytesPerSecond,
        boolean allowDowngrade,
        int waveTimeoutSeconds,
        List<MaintenanceWindow> maintenanceWindows) {

    static final List<Integer> DEFAULT_WAVES = List.of(10, 50, 100);
    private static final int MAX_SECONDS = 7 * 24 * 3600;

    static CampaignSettings from(CampaignRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("the body must be a campaign: {\"name\", \"release\", \"targets\", ...}");
        }
        CampaignRequest.Targets targets = request.targets() == null ? new CampaignRequest.Targets(null, null, null)
                : request.targets();
        List<String> communes = orEmpty(targets.communes());
        communes.forEach(commune -> {
            if (!Identifiers.isValidCommune(commune)) {
                throw new IllegalArgumentException("targets.communes: '" + commune + "' is not an INSEE code");
            }
        });
        List<String> canaries = orEmpty(request.canaries());
        canaries.forEach(id -> {
            if (!Identifiers.isValidGatewayId(id)) {
                throw new IllegalArgumentException("canaries: '" + id + "' is not a gateway id");
            }
        });
        List<Integer> waves = request.waves() == null ? DEFAULT_WAVES : List.copyOf(request.waves());
        WavePlanner.validatePercentages(waves);
        int health = within("healthWindowSeconds", request.healthWindowSeconds(), 600, 0);
        int contact = within("contactTimeoutSeconds", request.contactTimeoutSeconds(), 1800, 0);
        int waveTimeout = within("waveTimeoutSeconds", request.waveTimeoutSeconds(), 3600, 1);
        if (waveTimeout <= health) {
            throw new IllegalArgumentException("waveTimeoutSeconds (" + waveTimeout + ") must exceed healthWindowSeconds ("
                    + health + "): a gateway cannot succeed before its health window ends");
        }
        long bandwidth = request.maxBytesPerSecond() == null ? 0 : request.maxBytesPerSecond();
        if (bandwidth < 0) {
            throw new IllegalArgumentException("maxBytesPerSecond cannot be negative (0: no cap)");
        }
        return new CampaignSettings(communes, orEmpty(targets.tags()), orEmpty(targets.releases()), canaries, waves,
                request.failureThreshold() == null ? FailureThreshold.STRICT : request.failureThreshold(), health, contact,
                bandwidth, Boolean.TRUE.equals(request.allowDowngrade()), waveTimeout,
                request.maintenanceWindows() == null ? List.of() : List.copyOf(request.maintenanceWindows()));
    }

    private static List<String> orEmpty(List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("lists of the campaign cannot hold null");
        }
        return List.copyOf(values);
    }

    private static int within(String field, Integer value, int fallback, int minimum) {
        int chosen = value == null ? fallback : value;
        if (chosen < minimum || chosen > MAX_SECONDS) {
            throw new IllegalArgumentException(field + " must be within " + minimum + ".." + MAX_SECONDS + ", got " + chosen);
        }
        return chosen;
    }
}
