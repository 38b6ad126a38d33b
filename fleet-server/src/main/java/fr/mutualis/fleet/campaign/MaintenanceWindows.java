package fr.mutualis.fleet.campaign;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/** A campaign's maintenance windows in the fleet's zone; no window at all means always open. */
record MaintenanceWindows(List<MaintenanceWindow> windows, ZoneId zone) {

    MaintenanceWindows {
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    boolean isOpen(Instant now) {
        return windows.isEmpty() || windows.stream().anyMatch(window -> window.contains(now.atZone(zone)));
    }
}
