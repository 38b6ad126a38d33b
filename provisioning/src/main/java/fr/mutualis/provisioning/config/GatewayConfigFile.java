package fr.mutualis.provisioning.config;

import fr.mutualis.contract.Identifiers;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * The installer's configuration file of a gateway agent ({@code gateway.properties}), validated
 * before it is written so that a typo is caught on the technician's screen, not on the device.
 * The keys are those the agent's gateway-core bundle reads.
 */
public record GatewayConfigFile(String gatewayId, String commune, String brokerUrl, String dataDir,
                                String gwmpBind, int gwmpPort) {

    /** @throws IllegalArgumentException listing every problem found */
    public GatewayConfigFile {
        List<String> problems = new ArrayList<>();
        if (!Identifiers.isValidGatewayId(gatewayId)) {
            problems.add("gateway id '" + gatewayId + "': a-z, 0-9 and '-', at most 64 characters");
        }
        if (!Identifiers.isValidCommune(commune)) {
            problems.add("commune '" + commune + "': a five-character INSEE code such as 35238");
        }
        try {
            String scheme = new URI(brokerUrl).getScheme();
            if (!"tcp".equals(scheme) && !"ssl".equals(scheme)) {
                problems.add("broker URL '" + brokerUrl + "': tcp://host:port or ssl://host:port");
            }
        } catch (URISyntaxException | NullPointerException e) {
            problems.add("broker URL '" + brokerUrl + "' is not a URL");
        }
        if (dataDir == null || dataDir.isBlank()) {
            problems.add("a data directory is required");
        }
        if (gwmpPort < 1 || gwmpPort > 65535) {
            problems.add("GWMP port " + gwmpPort + " outside 1-65535");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public String render() {
        return String.join("\n",
                "# Mutualis gateway agent configuration, written by 'mutualis gateway-config'.",
                "gateway.id=" + gatewayId,
                "gateway.commune=" + commune,
                "broker.url=" + brokerUrl,
                "data.dir=" + dataDir,
                "gwmp.bind=" + gwmpBind,
                "gwmp.port=" + gwmpPort,
                "");
    }
}
