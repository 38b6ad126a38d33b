package fr.mutualis.fleet.campaign;

import fr.mutualis.fleet.release.ReleaseVersion;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Resolves a campaign's target filters to the gateways it will update, once, when it starts:
 * gateways added later are not swept in. Left out: gateways whose certificate was revoked, those
 * already running the release, those busy with another active campaign (one retained order per
 * gateway), those that never announced a release (older than contract 2.3: they cannot read an
 * order), and, unless downgrades are allowed, those running a newer release.
 */
@Repository
class CampaignTargeting {

    private final JdbcClient jdbc;

    CampaignTargeting(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private record Candidate(String gatewayId, String commune, String release) {
    }

    List<CampaignRecords.Target> resolve(CampaignSettings settings, String release) {
        ReleaseVersion target = ReleaseVersion.parse(release);
        return jdbc.sql("""
                SELECT g.id, g.commune, g.release FROM gateway g
                WHERE (cardinality(CAST(:communes AS text[])) = 0 OR g.commune = ANY(CAST(:communes AS text[])))
                  AND (cardinality(CAST(:tags AS text[])) = 0 OR g.tags && CAST(:tags AS text[]))
                  AND (cardinality(CAST(:releases AS text[])) = 0 OR g.release = ANY(CAST(:releases AS text[])))
                  AND g.release IS NOT NULL AND g.release <> :release
                  AND NOT (EXISTS (SELECT 1 FROM gateway_certificate c WHERE c.gateway_id = g.id AND c.revoked_at IS NOT NULL)
                           AND NOT EXISTS (SELECT 1 FROM gateway_certificate c WHERE c.gateway_id = g.id AND c.revoked_at IS NULL))
                  AND NOT EXISTS (SELECT 1 FROM campaign_target t JOIN campaign c ON c.id = t.campaign_id
                                  WHERE t.gateway_id = g.id AND c.state IN ('RUNNING', 'PAUSED')
                                    AND t.state NOT IN (""" + CampaignRecords.finalStates() + """
                ))
                ORDER BY g.id COLLATE "C"
                """)
                .param("communes", settings.communes().toArray(String[]::new))
                .param("tags", settings.tags().toArray(String[]::new))
                .param("releases", settings.releases().toArray(String[]::new))
                .param("release", release)
                .query((rs, row) -> new Candidate(rs.getString("id"), rs.getString("commune"), rs.getString("release")))
                .list().stream()
                .filter(candidate -> settings.allowDowngrade() || !newer(candidate.release(), target))
                .map(candidate -> new CampaignRecords.Target(candidate.gatewayId(), candidate.commune()))
                .toList();
    }

    /** A release that is not an OSGi version cannot be compared: not treated as newer. */
    private static boolean newer(String running, ReleaseVersion target) {
        return ReleaseVersion.isValid(running) && ReleaseVersion.parse(running).compareTo(target) > 0;
    }
}
