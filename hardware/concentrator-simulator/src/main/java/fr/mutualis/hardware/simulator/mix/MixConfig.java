package fr.mutualis.hardware.simulator.mix;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * How much of each kind of traffic a {@link TrafficMix} contains. Everything is a count, so
 * that a test can predict the ground truth from the configuration; only duplicates are a ratio
 * (of the forwarded frames). Build with {@link #builder()}; the defaults make a mix of about
 * 280 frames in about 100 datagrams.
 */
public final class MixConfig {

    private final long seed;
    private final long gatewayEui;
    private final int ownDevices;
    private final int alarmDataUp;
    private final int normalDataUp;
    private final int bulkDataUp;
    private final int joinRequests;
    private final int crcFailed;
    private final int crcMissing;
    private final int notLorawan;
    private final int notUplink;
    private final int foreignNetId;
    private final int foreignJoinEui;
    private final int chattyDevices;
    private final int chattyExcess;
    private final double duplicateRatio;
    private final Map<Malformation, Integer> malformed;
    private final int maxFramesPerDatagram;
    private final boolean formatVariety;
    private final Instant startTime;
    private final Duration meanSpacing;

    private MixConfig(Builder b) {
        this.seed = b.seed;
        this.gatewayEui = b.gatewayEui;
        this.ownDevices = positive("ownDevices", b.ownDevices);
        this.alarmDataUp = count("alarmDataUp", b.alarmDataUp);
        this.normalDataUp = count("normalDataUp", b.normalDataUp);
        this.bulkDataUp = count("bulkDataUp", b.bulkDataUp);
        this.joinRequests = count("joinRequests", b.joinRequests);
        this.crcFailed = count("crcFailed", b.crcFailed);
        this.crcMissing = count("crcMissing", b.crcMissing);
        this.notLorawan = count("notLorawan", b.notLorawan);
        this.notUplink = count("notUplink", b.notUplink);
        this.foreignNetId = count("foreignNetId", b.foreignNetId);
        this.foreignJoinEui = count("foreignJoinEui", b.foreignJoinEui);
        this.chattyDevices = count("chattyDevices", b.chattyDevices);
        this.chattyExcess = count("chattyExcess", b.chattyExcess);
        if (b.duplicateRatio < 0 || b.duplicateRatio > 1) {
            throw new IllegalArgumentException("duplicateRatio must be within 0..1");
        }
        this.duplicateRatio = b.duplicateRatio;
        EnumMap<Malformation, Integer> counts = new EnumMap<>(Malformation.class);
        b.malformed.forEach((kind, n) -> counts.put(kind, count("malformed " + kind.reason(), n)));
        this.malformed = Collections.unmodifiableMap(counts);
        this.maxFramesPerDatagram = positive("maxFramesPerDatagram", b.maxFramesPerDatagram);
        this.formatVariety = b.formatVariety;
        this.startTime = b.startTime;
        if (b.meanSpacing.isNegative() || b.meanSpacing.isZero()) {
            throw new IllegalArgumentException("meanSpacing must be positive");
        }
        this.meanSpacing = b.meanSpacing;
        if (malformed.entrySet().stream().anyMatch(e -> !e.getKey().wholeDatagram() && e.getValue() > 0)
                && framesBeforeDuplicates() == 0) {
            throw new IllegalArgumentException("malformed rxpk entries need good frames to sit with");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.seed = seed;
        b.gatewayEui = gatewayEui;
        b.ownDevices = ownDevices;
        b.alarmDataUp = alarmDataUp;
        b.normalDataUp = normalDataUp;
        b.bulkDataUp = bulkDataUp;
        b.joinRequests = joinRequests;
        b.crcFailed = crcFailed;
        b.crcMissing = crcMissing;
        b.notLorawan = notLorawan;
        b.notUplink = notUplink;
        b.foreignNetId = foreignNetId;
        b.foreignJoinEui = foreignJoinEui;
        b.chattyDevices = chattyDevices;
        b.chattyExcess = chattyExcess;
        b.duplicateRatio = duplicateRatio;
        b.malformed = new EnumMap<>(malformed);
        b.maxFramesPerDatagram = maxFramesPerDatagram;
        b.formatVariety = formatVariety;
        b.startTime = startTime;
        b.meanSpacing = meanSpacing;
        return b;
    }

    /** rxpk entries before duplicates and malformed entries are added. */
    int framesBeforeDuplicates() {
        return alarmDataUp + normalDataUp + bulkDataUp + joinRequests + crcFailed + crcMissing + notLorawan
                + notUplink + foreignNetId + foreignJoinEui;
    }

    public long seed() {
        return seed;
    }

    public long gatewayEui() {
        return gatewayEui;
    }

    public int ownDevices() {
        return ownDevices;
    }

    public int alarmDataUp() {
        return alarmDataUp;
    }

    public int normalDataUp() {
        return normalDataUp;
    }

    public int bulkDataUp() {
        return bulkDataUp;
    }

    public int joinRequests() {
        return joinRequests;
    }

    public int crcFailed() {
        return crcFailed;
    }

    public int crcMissing() {
        return crcMissing;
    }

    public int notLorawan() {
        return notLorawan;
    }

    public int notUplink() {
        return notUplink;
    }

    public int foreignNetId() {
        return foreignNetId;
    }

    public int foreignJoinEui() {
        return foreignJoinEui;
    }

    public int chattyDevices() {
        return chattyDevices;
    }

    public int chattyExcess() {
        return chattyExcess;
    }

    public double duplicateRatio() {
        return duplicateRatio;
    }

    public int malformed(Malformation kind) {
        return malformed.getOrDefault(kind, 0);
    }

    public int maxFramesPerDatagram() {
        return maxFramesPerDatagram;
    }

    public boolean formatVariety() {
        return formatVariety;
    }

    public Instant startTime() {
        return startTime;
    }

    public Duration meanSpacing() {
        return meanSpacing;
    }

    private static int count(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return value;
    }

    private static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return value;
    }

    /** Mutable builder with the defaults below. */
    public static final class Builder {
        private long seed = 1;
        private long gatewayEui = 0x0016c001ff10a235L;
        private int ownDevices = 30;
        private int alarmDataUp = 20;
        private int normalDataUp = 150;
        private int bulkDataUp = 30;
        private int joinRequests = 10;
        private int crcFailed = 8;
        private int crcMissing = 4;
        private int notLorawan = 9;
        private int notUplink = 9;
        private int foreignNetId = 15;
        private int foreignJoinEui = 6;
        private int chattyDevices = 2;
        private int chattyExcess = 4;
        private double duplicateRatio = 0.1;
        private EnumMap<Malformation, Integer> malformed = defaultMalformed();
        private int maxFramesPerDatagram = 4;
        private boolean formatVariety = true;
        private Instant startTime = Instant.parse("2026-11-22T10:00:00Z");
        private Duration meanSpacing = Duration.ofMillis(120);

        private Builder() {
        }

        private static EnumMap<Malformation, Integer> defaultMalformed() {
            EnumMap<Malformation, Integer> counts = new EnumMap<>(Malformation.class);
            for (Malformation kind : Malformation.values()) {
                counts.put(kind, 2);
            }
            return counts;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Must equal the EUI of the {@code ConcentratorSimulator} that plays the mix. */
        public Builder gatewayEui(long value) {
            gatewayEui = value;
            return this;
        }

        /** Ordinary own devices sharing the ALARM/NORMAL/BULK data frames (each stays below the rate limit). */
        public Builder ownDevices(int value) {
            ownDevices = value;
            return this;
        }

        public Builder alarmDataUp(int value) {
            alarmDataUp = value;
            return this;
        }

        public Builder normalDataUp(int value) {
            normalDataUp = value;
            return this;
        }

        public Builder bulkDataUp(int value) {
            bulkDataUp = value;
            return this;
        }

        public Builder joinRequests(int value) {
            joinRequests = value;
            return this;
        }

        public Builder crcFailed(int value) {
            crcFailed = value;
            return this;
        }

        public Builder crcMissing(int value) {
            crcMissing = value;
            return this;
        }

        public Builder notLorawan(int value) {
            notLorawan = value;
            return this;
        }

        public Builder notUplink(int value) {
            notUplink = value;
            return this;
        }

        public Builder foreignNetId(int value) {
            foreignNetId = value;
            return this;
        }

        public Builder foreignJoinEui(int value) {
            foreignJoinEui = value;
            return this;
        }

        /** Devices that each send the rate limit plus {@link #chattyExcess(int)} data frames. */
        public Builder chattyDevices(int value) {
            chattyDevices = value;
            return this;
        }

        public Builder chattyExcess(int value) {
            chattyExcess = value;
            return this;
        }

        /** Share of the forwarded frames that are heard twice (rounded to the nearest count). */
        public Builder duplicateRatio(double value) {
            duplicateRatio = value;
            return this;
        }

        public Builder malformed(Malformation kind, int count) {
            malformed.put(kind, count);
            return this;
        }

        /** Sets every malformation count to {@code count}. */
        public Builder malformedEach(int count) {
            for (Malformation kind : Malformation.values()) {
                malformed.put(kind, count);
            }
            return this;
        }

        public Builder maxFramesPerDatagram(int value) {
            maxFramesPerDatagram = value;
            return this;
        }

        /** False: every datagram is protocol v2 with the classic rxpk fields only (a baseline). */
        public Builder formatVariety(boolean value) {
            formatVariety = value;
            return this;
        }

        /** Receive time of the first frame; fixed by default so that a seed always gives the same bytes. */
        public Builder startTime(Instant value) {
            startTime = value;
            return this;
        }

        /** Mean virtual time between two transmissions (drives tmst, time and tmms). */
        public Builder meanSpacing(Duration value) {
            meanSpacing = value;
            return this;
        }

        public MixConfig build() {
            return new MixConfig(this);
        }
    }
}
