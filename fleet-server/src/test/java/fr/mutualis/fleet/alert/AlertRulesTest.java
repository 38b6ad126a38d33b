package fr.mutualis.fleet.alert;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.fleet.alert.AlertRules.Keep;
import fr.mutualis.fleet.alert.AlertRules.Open;
import fr.mutualis.fleet.alert.AlertRules.Resolve;
import fr.mutualis.fleet.health.HealthSample;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRulesTest {

    private static final Duration MAX_AGE = Duration.ofMinutes(30);

    private static HealthSample disk(Double free, Double total) {
        return new HealthSample(null, null, null, null, null, free, total, null, Map.of(), null, null, null);
    }

    private static List<Long> depths(Long... newestFirst) {
        return Arrays.asList(newestFirst);
    }

    @Test
    void diskOpensBelowTheThresholdAndResolvesAtOrAboveIt() {
        assertThat(AlertRules.disk(disk(3e9, 32e9), 10)).isInstanceOf(Open.class)
                .extracting(verdict -> ((Open) verdict).detail()).isEqualTo("9.4 % free of 32.0 GB (alert below 10 %)");
        assertThat(AlertRules.disk(disk(3.2e9, 32e9), 10)).isInstanceOf(Resolve.class);
        assertThat(AlertRules.disk(disk(20e9, 32e9), 10)).isInstanceOf(Resolve.class);
    }

    @Test
    void diskWithoutBothFiguresDecidesNothing() {
        assertThat(AlertRules.disk(disk(null, 32e9), 10)).isInstanceOf(Keep.class);
        assertThat(AlertRules.disk(disk(1e9, null), 10)).isInstanceOf(Keep.class);
        assertThat(AlertRules.disk(disk(0.0, 0.0), 10)).isInstanceOf(Keep.class);
    }

    @Test
    void backlogOpensWhenTheDepthRoseInEachOfTheLastNReports() {
        assertThat(AlertRules.backlog(depths(40L, 30L, 20L, 10L), 60.0, 3, MAX_AGE)).isEqualTo(
                new Open("store depth rose in each of the last 3 reports, from 10 to 40"));
    }

    @Test
    void backlogNeedsNRisesInARow() {
        // only two rises since the plateau
        assertThat(AlertRules.backlog(depths(40L, 30L, 20L, 20L), 60.0, 3, MAX_AGE)).isInstanceOf(Keep.class);
        // not enough history yet
        assertThat(AlertRules.backlog(depths(40L, 30L, 20L), 60.0, 3, MAX_AGE)).isInstanceOf(Keep.class);
        // a report without store figures breaks the run
        assertThat(AlertRules.backlog(depths(40L, 30L, null, 10L), 60.0, 3, MAX_AGE)).isInstanceOf(Keep.class);
    }

    @Test
    void backlogOpensWhenTheOldestReadingIsTooOldWhateverTheTrend() {
        assertThat(AlertRules.backlog(depths(5L, 5L), 1801.0, 3, MAX_AGE))
                .isEqualTo(new Open("oldest buffered reading 1801 s old (alert above 1800 s)"));
        assertThat(AlertRules.backlog(depths(40L, 30L, 20L, 10L), 3600.0, 3, MAX_AGE)).isEqualTo(new Open(
                "store depth rose in each of the last 3 reports, from 10 to 40; oldest buffered reading 3600 s old "
                        + "(alert above 1800 s)"));
    }

    @Test
    void backlogResolvesOnceTheDepthStopsRisingAndTheOldestReadingIsYoung() {
        assertThat(AlertRules.backlog(depths(40L, 40L, 30L, 20L), 60.0, 3, MAX_AGE)).isInstanceOf(Resolve.class);
        assertThat(AlertRules.backlog(depths(10L, 40L, 30L, 20L), 60.0, 3, MAX_AGE)).isInstanceOf(Resolve.class);
        assertThat(AlertRules.backlog(depths(0L), null, 3, MAX_AGE)).isInstanceOf(Resolve.class);
        // still growing, only not for long enough to open: an open alert stays open
        assertThat(AlertRules.backlog(depths(50L, 40L, 40L, 30L), 60.0, 3, MAX_AGE)).isInstanceOf(Keep.class);
    }

    @Test
    void backlogWithoutStoreFiguresDecidesNothing() {
        assertThat(AlertRules.backlog(depths(), null, 3, MAX_AGE)).isInstanceOf(Keep.class);
        assertThat(AlertRules.backlog(depths((Long) null), null, 3, MAX_AGE)).isInstanceOf(Keep.class);
    }
}
