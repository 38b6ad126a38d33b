package fr.mutualis.fleet.campaign;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits a campaign's targets into waves: the named canaries first (one wave), then the other
 * targets by cumulative percentages — {@code [10, 50, 100]} means the first 10 % of the rest, then
 * up to 50 %, then all. Each wave gets {@code ceil(n × p / 100)} minus what earlier waves took, so a
 * small fleet's first percentage still reaches one gateway; a percentage that adds no gateway
 * yields no wave (never an empty wave to wait for).
 */
final class WavePlanner {

    private WavePlanner() {
    }

    /**
     * @param targets     every target, in the order waves take them (canaries included)
     * @param canaries    gateways of the first wave, each one of {@code targets}
     * @param percentages strictly increasing cumulative percentages of the non-canary targets, ending at 100
     * @return the waves, none empty, together holding every target once
     */
    static List<List<String>> plan(List<String> targets, List<String> canaries, List<Integer> percentages) {
        validatePercentages(percentages);
        Set<String> canarySet = new LinkedHashSet<>(canaries);
        if (canarySet.size() != canaries.size()) {
            throw new IllegalArgumentException("canaries: a gateway is named twice");
        }
        Set<String> targetSet = new LinkedHashSet<>(targets);
        for (String canary : canarySet) {
            if (!targetSet.contains(canary)) {
                throw new IllegalArgumentException("canaries: " + canary + " is not among the campaign's targets "
                        + "(unknown, revoked, outside the target filters, already running the release or busy in another campaign)");
            }
        }
        List<List<String>> waves = new ArrayList<>();
        if (!canarySet.isEmpty()) {
            waves.add(List.copyOf(canarySet));
        }
        List<String> rest = targets.stream().filter(id -> !canarySet.contains(id)).toList();
        int taken = 0;
        for (int percentage : percentages) {
            int upTo = (int) ((rest.size() * (long) percentage + 99) / 100);
            if (upTo > taken) {
                waves.add(List.copyOf(rest.subList(taken, upTo)));
                taken = upTo;
            }
        }
        return List.copyOf(waves);
    }

    static void validatePercentages(List<Integer> percentages) {
        if (percentages == null || percentages.isEmpty()) {
            throw new IllegalArgumentException("waves: give at least one percentage, the last being 100");
        }
        int previous = 0;
        for (Integer percentage : percentages) {
            if (percentage == null || percentage <= previous || percentage > 100) {
                throw new IllegalArgumentException("waves: cumulative percentages must increase strictly within 1..100, "
                        + "got " + percentages);
            }
            previous = percentage;
        }
        if (previous != 100) {
            throw new IllegalArgumentException("waves: the last percentage must be 100 (every target gets a wave), got "
                    + percentages);
        }
    }
}
