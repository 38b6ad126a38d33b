package fr.mutualis.gateway.pipeline;

import fr.mutualis.contract.Priority;
import fr.mutualis.contract.RadioMetadata;
import fr.mutualis.gateway.lorawan.DevAddrPrefix;
import fr.mutualis.gateway.lorawan.EuiRange;
import fr.mutualis.gateway.lorawan.MType;
import fr.mutualis.gateway.lorawan.MalformedFrameException;
import fr.mutualis.gateway.lorawan.NetId;
import fr.mutualis.gateway.lorawan.PhyPayload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The stateless part of the pipeline's decisions, built once per configuration: CRC status,
 * LoRaWAN framing, network allow/deny lists and priority rules. Deduplication and rate limiting
 * keep state and live in their own classes; this policy only carries their settings.
 */
final class FilterPolicy {

    /** What the stateless checks decided about one frame. */
    record Verdict(DropReason drop, String detail, PhyPayload frame, Priority lane) {

        static Verdict dropped(DropReason reason, String detail) {
            return new Verdict(reason, detail, null, null);
        }

        boolean passed() {
            return drop == null;
        }
    }

    private final boolean acceptMissingCrc;
    private final boolean lorawanOnly;
    private final boolean forwardProprietary;
    private final boolean forwardJoinRequests;
    private final List<NetId> netIds;
    private final List<DevAddrPrefix> devAddrAllow;
    private final List<DevAddrPrefix> devAddrDeny;
    private final List<EuiRange> joinEuiRanges;
    private final List<PriorityRule> priorityRules;
    private final Priority defaultLane;
    final Duration dedupeWindow;
    final int rateLimitFrames;
    final Duration rateLimitPeriod;
    final int rateLimitMaxDevices;

    private FilterPolicy(FramePipeline.Config config) {
        this.acceptMissingCrc = config.acceptMissingCrc();
        this.lorawanOnly = config.lorawanOnly();
        this.forwardProprietary = config.forwardProprietary();
        this.forwardJoinRequests = config.forwardJoinRequests();
        this.netIds = parseAll(config.netIds(), "NetID allow-list", NetId::parse);
        this.devAddrAllow = parseAll(config.devAddrAllow(), "DevAddr allow prefixes", DevAddrPrefix::parse);
        this.devAddrDeny = parseAll(config.devAddrDeny(), "DevAddr deny prefixes", DevAddrPrefix::parse);
        this.joinEuiRanges = parseAll(config.joinEuiRanges(), "JoinEUI ranges", EuiRange::parse);
        this.priorityRules = parseAll(config.priorityRules(), "priority rules", PriorityRule::parse);
        this.defaultLane = parseLane(config.defaultLane());
        if (config.dedupeWindowMillis() < 0 || config.dedupeWindowMillis() > 60_000) {
            throw new IllegalArgumentException("deduplication window must be 0 to 60000 ms, was "
                    + config.dedupeWindowMillis());
        }
        this.dedupeWindow = Duration.ofMillis(config.dedupeWindowMillis());
        if (config.rateLimitFrames() < 0 || config.rateLimitPeriodSeconds() < 1 || config.rateLimitMaxDevices() < 1) {
            throw new IllegalArgumentException("rate limit: frames must be >= 0 (0 = off), period >= 1 s and "
                    + "tracked devices >= 1; were " + config.rateLimitFrames() + ", " + config.rateLimitPeriodSeconds()
                    + ", " + config.rateLimitMaxDevices());
        }
        this.rateLimitFrames = config.rateLimitFrames();
        this.rateLimitPeriod = Duration.ofSeconds(config.rateLimitPeriodSeconds());
        this.rateLimitMaxDevices = config.rateLimitMaxDevices();
    }

    /** Builds the policy; throws {@link IllegalArgumentException} naming the first bad setting. */
    static FilterPolicy from(FramePipeline.Config config) {
        return new FilterPolicy(config);
    }

    Verdict classify(byte[] phyPayload, RadioMetadata radio) {
        Integer crc = radio == null ? null : radio.crcStatus();
        if (crc != null && crc == -1) {
            return Verdict.dropped(DropReason.CRC_FAILED, null);
        }
        if (crc != null && crc == 0 && !acceptMissingCrc) {
            return Verdict.dropped(DropReason.CRC_MISSING, null);
        }
        PhyPayload frame;
        try {
            frame = PhyPayload.parse(phyPayload);
        } catch (MalformedFrameException e) {
            return lorawanOnly ? Verdict.dropped(DropReason.NOT_LORAWAN, e.reason())
                    : new Verdict(null, null, null, defaultLane);
        }
        MType type = frame.mType();
        if (type == MType.PROPRIETARY) {
            return forwardProprietary ? new Verdict(null, null, frame, laneOf(frame))
                    : Verdict.dropped(DropReason.PROPRIETARY, null);
        }
        if (!type.isUplink()) {
            return Verdict.dropped(DropReason.NOT_UPLINK, null);
        }
        if (type.isDataFrame()) {
            DropReason network = checkDevAddr(frame.devAddr());
            if (network != null) {
                return Verdict.dropped(network, null);
            }
        } else if (type == MType.JOIN_REQUEST) {
            if (!forwardJoinRequests) {
                return Verdict.dropped(DropReason.JOIN_DISABLED, null);
            }
            if (!joinEuiRanges.isEmpty() && joinEuiRanges.stream().noneMatch(r -> r.contains(frame.joinEui()))) {
                return Verdict.dropped(DropReason.JOINEUI_NOT_ALLOWED, null);
            }
        }
        return new Verdict(null, null, frame, laneOf(frame));
    }

    private DropReason checkDevAddr(int devAddr) {
        if (!netIds.isEmpty() && !anyNetIdContains(devAddr)) {
            return DropReason.NETID_NOT_ALLOWED;
        }
        for (DevAddrPrefix deny : devAddrDeny) {
            if (deny.matches(devAddr)) {
                return DropReason.DEVADDR_DENIED;
            }
        }
        if (!devAddrAllow.isEmpty()) {
            for (DevAddrPrefix allow : devAddrAllow) {
                if (allow.matches(devAddr)) {
                    return null;
                }
            }
            return DropReason.DEVADDR_NOT_ALLOWED;
        }
        return null;
    }

    private boolean anyNetIdContains(int devAddr) {
        for (NetId netId : netIds) {
            if (netId.contains(devAddr)) {
                return true;
            }
        }
        return false;
    }

    private Priority laneOf(PhyPayload frame) {
        for (PriorityRule rule : priorityRules) {
            if (rule.matches(frame)) {
                return rule.lane();
            }
        }
        return defaultLane;
    }

    private static Priority parseLane(String lane) {
        try {
            return Priority.valueOf(lane.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("default lane '" + lane + "' is not one of ALARM, NORMAL, BULK");
        }
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> List<T> parseAll(String[] texts, String what, Parser<T> parser) {
        List<T> parsed = new ArrayList<>();
        if (texts == null) {
            return parsed;
        }
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue; // ConfigAdmin turns an empty list into one empty string
            }
            try {
                parsed.add(parser.parse(text.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + ": '" + text.trim() + "' is invalid: " + e.getMessage(), e);
            }
        }
        return List.copyOf(parsed);
    }
}
