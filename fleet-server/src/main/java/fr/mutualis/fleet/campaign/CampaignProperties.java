package fr.mutualis.fleet.campaign;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param tickInterval how often running campaigns are looked at (time-outs, next wave, windows,
 *                     publications the broker missed); statuses also move a campaign at once
 * @param zone         the zone maintenance windows are read in
 */
@ConfigurationProperties("mutualis.campaigns")
public record CampaignProperties(
        @DefaultValue("10s") Duration tickInterval,
        @DefaultValue("Europe/Paris") ZoneId zone) {
}
