package fr.mutualis.gateway.console.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private Instant now = Instant.parse("2026-06-15T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void locksAfterFiveFailuresAndDoublesTheWaitUpToFifteenMinutes() {
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.0.2");
        }
        assertThat(throttle.waitFor("10.0.0.2")).isZero();
        throttle.failed("10.0.0.2");
        assertThat(throttle.waitFor("10.0.0.2")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.waitFor("10.0.0.3")).as("another client").isZero();

        now = now.plusSeconds(30);
        throttle.failed("10.0.0.2");
        assertThat(throttle.waitFor("10.0.0.2")).isEqualTo(Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            throttle.failed("10.0.0.2");
        }
        assertThat(throttle.waitFor("10.0.0.2")).isEqualTo(Duration.ofMinutes(15));

        throttle.succeeded("10.0.0.2");
        assertThat(throttle.waitFor("10.0.0.2")).isZero();
    }
}
