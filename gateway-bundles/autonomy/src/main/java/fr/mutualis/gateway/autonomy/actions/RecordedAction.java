package fr.mutualis.gateway.autonomy.actions;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One action of the gateway.
 *
 * @param at      when, by the gateway's clock
 * @param kind    what, e.g. {@code lighting.switch}, {@code lighting.override}, {@code alarm.raised}
 * @param subject on what: a circuit or an output channel
 * @param details why and with what, as text (reason, requester, expiry, the reading's device)
 */
public record RecordedAction(Instant at, String kind, String subject, Map<String, String> details) {

    public RecordedAction {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
