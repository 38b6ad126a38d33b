package fr.mutualis.hardware.watchdog.linux;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.osgi.service.log.Logger;

/** A settable clock, a recording OSGi logger and a configuration, for the watchdog tests. */
final class TestSupport {

    private TestSupport() {
    }

    static final class ManualClock extends Clock {
        private volatile Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** A logger that records "LEVEL message-format" lines. */
    static Logger recordingLogger(List<String> lines) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    String name = method.getName();
                    if (method.getReturnType() == boolean.class) {
                        return true;
                    }
                    if (List.of("trace", "debug", "info", "warn", "error", "audit").contains(name)
                            && args != null && args[0] instanceof String) {
                        lines.add(name.toUpperCase() + " " + args[0]);
                    }
                    return name.equals("getName") ? "test" : null;
                });
    }

    static HardwareWatchdog.Config config(String device, long kickMillis, long timeoutMillis, boolean disarm) {
        return new HardwareWatchdog.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HardwareWatchdog.Config.class;
            }

            @Override
            public String device() {
                return device;
            }

            @Override
            public long kickIntervalMillis() {
                return kickMillis;
            }

            @Override
            public long heartbeatTimeoutMillis() {
                return timeoutMillis;
            }

            @Override
            public boolean disarmOnStop() {
                return disarm;
            }
        };
    }
}
