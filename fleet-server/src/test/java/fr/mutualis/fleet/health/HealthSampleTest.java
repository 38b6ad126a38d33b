package fr.mutualis.fleet.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthSampleTest {

    @Test
    void takesTheFiguresItKeepsFromTheReportsMetrics() {
        HealthSample sample = HealthSample.of(Map.ofEntries(
                Map.entry("system.cpu.percent", 12.5), Map.entry("jvm.heap.used.bytes", 2.0e7),
                Map.entry("jvm.heap.max.bytes", 6.4e7), Map.entry("disk.data.free.bytes", 8e9),
                Map.entry("disk.data.total.bytes", 32e9), Map.entry("concentrator.temperature", 47.0),
                Map.entry("store.lane.alarm.depth", 2.0), Map.entry("store.lane.alarm.oldest.age.seconds", 3.0),
                Map.entry("store.lane.normal.depth", 120.0), Map.entry("store.lane.normal.oldest.age.seconds", 600.0),
                Map.entry("uplink.connected", 1.0), Map.entry("uplink.connection.losses", 4.0),
                Map.entry("pipeline.frames.in", 99.0)));

        assertThat(sample.cpuPercent()).isEqualTo(12.5);
        assertThat(sample.memoryUsedBytes()).isNull();
        assertThat(sample.heapMaxBytes()).isEqualTo(6.4e7);
        assertThat(sample.temperatureCelsius()).isEqualTo(47.0);
        assertThat(sample.diskFreePercent()).isEqualTo(25.0);
        assertThat(sample.lanes()).containsOnlyKeys("alarm", "normal");
        assertThat(sample.storeDepth()).isEqualTo(122);
        assertThat(sample.storeOldestAgeSeconds()).isEqualTo(600.0);
        assertThat(sample.uplinkConnected()).isTrue();
        assertThat(sample.uplinkConnectionLosses()).isEqualTo(4);
        assertThat(sample.uplinkConnects()).isNull();
    }

    @Test
    void aReportWithoutStoreOrDiskFiguresHasNone() {
        HealthSample sample = HealthSample.of(Map.of("jvm.threads", 30.0));
        assertThat(sample.storeDepth()).isNull();
        assertThat(sample.storeOldestAgeSeconds()).isNull();
        assertThat(sample.diskFreePercent()).isNull();
    }
}
