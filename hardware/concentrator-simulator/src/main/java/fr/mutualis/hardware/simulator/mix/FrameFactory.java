package fr.mutualis.hardware.simulator.mix;

import fr.mutualis.hardware.simulator.lorawan.DataFrame;
import fr.mutualis.hardware.simulator.lorawan.JoinRequest;
import fr.mutualis.hardware.simulator.lorawan.MType;
import fr.mutualis.hardware.simulator.lorawan.NetId;
import fr.mutualis.hardware.simulator.lorawan.SessionKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Builds the PHYPayload of each kind of rxpk entry, with its ground truth. Every PHYPayload
 * of a mix is unique, so that the only payloads the gateway sees twice are the intended duplicates.
 */
final class FrameFactory {

    /** Other networks heard nearby: NetID types 0, 3 and 6 (a type-0 network with NwkID 0x01, another with 0x24). */
    private static final List<NetId> NEIGHBOUR_NETWORKS = List.of(NetId.parse("000001"), NetId.parse("60002D"),
            NetId.parse("C00053"), NetId.parse("000024"));
    /** Uplink MAC command answers as they appear in FOpts (CID and payload). */
    private static final byte[][] MAC_ANSWERS = {{0x02}, {0x03, 0x07}, {0x04}, {0x05, 0x07}, {0x06, (byte) 0xFE, 0x0A},
            {0x07, 0x03}, {0x08}};

    private final MixPolicy policy;
    private final Random random;
    private final Population population;
    private final List<Integer> normalPorts = new ArrayList<>();
    private final List<NetId> neighbours = new ArrayList<>();
    private final Set<String> payloads = new HashSet<>();
    private final Map<Integer, Integer> chattyFramesCounted = new HashMap<>();
    private int notLorawanKind;
    private int notUplinkKind;
    private int neighbourIndex;

    FrameFactory(MixPolicy policy, Population population, Random random) {
        this.policy = policy;
        this.population = population;
        this.random = random;
        for (int port = 1; port <= 223; port++) {
            if (policy.laneOf(port) == Lane.NORMAL) {
                normalPorts.add(port);
            }
        }
        NetId own = policy.netId();
        for (NetId neighbour : NEIGHBOUR_NETWORKS) {
            if (!own.owns(neighbour.devAddrPrefix()) && !neighbour.owns(own.devAddrPrefix())) {
                neighbours.add(neighbour);
            }
        }
    }

    Entry dataUp(OwnDevice device, Lane lane) {
        Entry entry = ownFrame(device, lane, Category.DATA_UP);
        entry.expected = ExpectedOutcome.forwarded(lane);
        return entry;
    }

    /** A chatty device's frame: the first {@code rateLimitFrames} pass, the rest are rate-limited. */
    Entry chattyDataUp(OwnDevice device) {
        Entry entry = ownFrame(device, Lane.NORMAL, Category.CHATTY_DATA_UP);
        int counted = chattyFramesCounted.merge(device.devAddr(), 1, Integer::sum);
        entry.expected = counted <= policy.rateLimitFrames()
                ? ExpectedOutcome.forwarded(Lane.NORMAL) : ExpectedOutcome.DROPPED_RATE_LIMITED;
        return entry;
    }

    Entry joinRequest(JoinDevice device, boolean foreign) {
        byte[] frame = new JoinRequest(device.joinEui(), device.devEui(), random.nextInt(0x10000)).encode(device.appKey());
        Entry entry = new Entry(foreign ? Category.FOREIGN_JOINEUI : Category.JOIN_REQUEST,
                foreign ? ExpectedOutcome.DROPPED_JOINEUI_NOT_ALLOWED : ExpectedOutcome.FORWARDED_NORMAL, unique(frame));
        entry.mType = MType.JOIN_REQUEST;
        entry.devEui = device.devEui();
        entry.joinEui = device.joinEui();
        return entry;
    }

    /** An own frame whose payload CRC failed: a few bits flipped on the air. */
    Entry crcFailed(OwnDevice device) {
        Entry entry = ownFrame(device, Lane.NORMAL, Category.CRC_FAILED);
        byte[] corrupted = entry.phyPayload.clone();
        int flips = 1 + random.nextInt(3);
        Set<Integer> bits = new HashSet<>();
        while (bits.size() < flips) {
            bits.add(random.nextInt(corrupted.length * 8));
        }
        for (int bit : bits) {
            corrupted[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        payloads.remove(key(entry.phyPayload));
        entry.phyPayload = unique(corrupted);
        entry.crcStatus = -1;
        entry.expected = ExpectedOutcome.DROPPED_CRC_FAILED;
        return entry;
    }

    /** An own frame reported without payload CRC: intact bytes, but nothing vouches for them. */
    Entry crcMissing(OwnDevice device) {
        Entry entry = ownFrame(device, Lane.NORMAL, Category.CRC_MISSING);
        entry.crcStatus = 0;
        entry.expected = ExpectedOutcome.DROPPED_CRC_MISSING;
        return entry;
    }

    /** Alternately: a wrong major version, a frame too short for its MType, FOptsLen beyond the frame. */
    Entry notLorawan() {
        int kind = notLorawanKind++ % 3;
        Entry entry;
        if (kind == 0) {
            byte[] frame = junkDataUp(4 + random.nextInt(12));
            frame[0] = (byte) (frame[0] | (1 + random.nextInt(3))); // Major bits: 01, 10 or 11
            entry = new Entry(Category.NOT_LORAWAN, ExpectedOutcome.DROPPED_NOT_LORAWAN, unique(frame));
            entry.mType = MType.UNCONFIRMED_DATA_UP;
            entry.devAddr = littleEndianInt(frame, 1);
        } else if (kind == 1) {
            entry = new Entry(Category.NOT_LORAWAN, ExpectedOutcome.DROPPED_NOT_LORAWAN, unique(tooShortFrame()));
            entry.mType = MType.of(entry.phyPayload[0]);
        } else {
            entry = new Entry(Category.NOT_LORAWAN, ExpectedOutcome.DROPPED_NOT_LORAWAN, unique(fOptsOverflowFrame()));
            entry.mType = MType.UNCONFIRMED_DATA_UP;
            entry.devAddr = littleEndianInt(entry.phyPayload, 1);
        }
        return entry;
    }

    /** A neighbour gateway's downlink: unconfirmed or confirmed data down, or a join accept. */
    Entry notUplink() {
        int kind = notUplinkKind++ % 3;
        if (kind == 2) {
            byte[] frame = new byte[random.nextBoolean() ? 17 : 33]; // with or without CFList
            random.nextBytes(frame);
            frame[0] = (byte) MType.JOIN_ACCEPT.mhdr();
            Entry entry = new Entry(Category.NOT_UPLINK, ExpectedOutcome.DROPPED_NOT_UPLINK, unique(frame));
            entry.mType = MType.JOIN_ACCEPT;
            return entry;
        }
        MType type = kind == 0 ? MType.UNCONFIRMED_DATA_DOWN : MType.CONFIRMED_DATA_DOWN;
        int devAddr = random.nextBoolean() ? policy.netId().devAddr(random.nextInt()) : neighbourDevAddr();
        long fCnt = random.nextInt(2000);
        byte[] fOpts = random.nextInt(3) == 0 ? new byte[] {0x03, 0x51, (byte) 0xFF, 0x00, 0x01} : new byte[0]; // LinkADRReq
        Integer fPort = random.nextInt(4) == 0 ? null : 1 + random.nextInt(223);
        byte[] payload = bytes(fPort == null ? 0 : random.nextInt(17));
        int flags = (random.nextBoolean() ? DataFrame.ADR : 0) | (random.nextInt(3) == 0 ? DataFrame.ACK : 0);
        byte[] frame = new DataFrame(type, devAddr, flags, fCnt, fOpts, fPort, payload).encode(randomKeys());
        Entry entry = new Entry(Category.NOT_UPLINK, ExpectedOutcome.DROPPED_NOT_UPLINK, unique(frame));
        entry.mType = type;
        entry.devAddr = devAddr;
        entry.fCnt = fCnt;
        entry.fPort = fPort;
        return entry;
    }

    /** A well-formed data-up frame from a DevAddr of another network. */
    Entry foreignNetId() {
        int devAddr = neighbourDevAddr();
        long fCnt = random.nextInt(65536);
        MType type = random.nextInt(4) == 0 ? MType.CONFIRMED_DATA_UP : MType.UNCONFIRMED_DATA_UP;
        int fPort = 1 + random.nextInt(223);
        byte[] frame = new DataFrame(type, devAddr, random.nextBoolean() ? DataFrame.ADR : 0, fCnt, new byte[0], fPort,
                bytes(4 + random.nextInt(17))).encode(randomKeys());
        Entry entry = new Entry(Category.FOREIGN_NETID, ExpectedOutcome.DROPPED_NETID_NOT_ALLOWED, unique(frame));
        entry.mType = type;
        entry.devAddr = devAddr;
        entry.fCnt = fCnt;
        entry.fPort = fPort;
        return entry;
    }

    /** An rxpk entry that will be written broken; it carries a fresh frame that never reaches the pipeline. */
    Entry malformedEntry(Malformation kind) {
        byte[] frame = unique(junkDataUp(4 + random.nextInt(20)));
        Entry entry = new Entry(Category.MALFORMED_RXPK, kind.outcome(), frame);
        entry.malformation = kind;
        entry.mType = MType.UNCONFIRMED_DATA_UP;
        entry.devAddr = littleEndianInt(frame, 1);
        return entry;
    }

    /** A fresh, unique, plausible data-up frame for the body of a datagram the gateway must reject. */
    byte[] junkFrame() {
        return unique(junkDataUp(4 + random.nextInt(20)));
    }

    private Entry ownFrame(OwnDevice device, Lane lane, Category category) {
        long fCnt = population.nextFCnt(device);
        MType type = random.nextInt(4) == 0 ? MType.CONFIRMED_DATA_UP : MType.UNCONFIRMED_DATA_UP;
        int flags = (random.nextInt(10) < 6 ? DataFrame.ADR : 0) | (random.nextInt(20) == 0 ? DataFrame.ADR_ACK_REQ : 0)
                | (random.nextInt(10) == 0 ? DataFrame.ACK : 0);
        byte[] fOpts = random.nextInt(100) < 15 ? macAnswers() : new byte[0];
        int fPort = port(lane);
        byte[] frame = new DataFrame(type, device.devAddr(), flags, fCnt, fOpts, fPort, bytes(payloadSize(lane)))
                .encode(device.keys());
        Entry entry = new Entry(category, null, unique(frame));
        entry.mType = type;
        entry.devAddr = device.devAddr();
        entry.fCnt = fCnt;
        entry.fPort = fPort;
        return entry;
    }

    private int port(Lane lane) {
        List<Integer> ports = switch (lane) {
            case ALARM -> List.copyOf(policy.alarmFPorts());
            case BULK -> List.copyOf(policy.bulkFPorts());
            case NORMAL -> normalPorts;
        };
        if (ports.isEmpty()) {
            throw new IllegalArgumentException("no FPort is configured for the " + lane + " lane");
        }
        return ports.get(random.nextInt(ports.size()));
    }

    /** Alarms are a few bytes, meter readings a few dozen, bulk transfers (firmware logs, load curves) up to 120. */
    private int payloadSize(Lane lane) {
        return switch (lane) {
            case ALARM -> 2 + random.nextInt(7);
            case NORMAL -> 4 + random.nextInt(21);
            case BULK -> 40 + random.nextInt(81);
        };
    }

    private byte[] macAnswers() {
        byte[] first = MAC_ANSWERS[random.nextInt(MAC_ANSWERS.length)];
        byte[] second = random.nextBoolean() ? MAC_ANSWERS[random.nextInt(MAC_ANSWERS.length)] : new byte[0];
        byte[] fOpts = new byte[first.length + second.length];
        System.arraycopy(first, 0, fOpts, 0, first.length);
        System.arraycopy(second, 0, fOpts, first.length, second.length);
        return fOpts;
    }

    private byte[] junkDataUp(int payloadSize) {
        return new DataFrame(MType.UNCONFIRMED_DATA_UP, policy.netId().devAddr(random.nextInt()), 0,
                random.nextInt(65536), new byte[0], 1 + random.nextInt(223), bytes(payloadSize)).encode(randomKeys());
    }

    /** A data up shorter than MHDR + FHDR + MIC (12 bytes), or a join request shorter than 23 bytes. */
    private byte[] tooShortFrame() {
        boolean joinRequest = random.nextBoolean();
        byte[] frame = new byte[joinRequest ? 10 + random.nextInt(13) : 5 + random.nextInt(7)];
        random.nextBytes(frame);
        frame[0] = (byte) (joinRequest ? MType.JOIN_REQUEST.mhdr()
                : random.nextBoolean() ? MType.UNCONFIRMED_DATA_UP.mhdr() : MType.CONFIRMED_DATA_UP.mhdr());
        return frame;
    }

    /** A data up whose FCtrl announces more FOpts bytes than the frame has room for. */
    private byte[] fOptsOverflowFrame() {
        int fOptsLen = 8 + random.nextInt(8);
        byte[] frame = new byte[12 + random.nextInt(fOptsLen)]; // needs 12 + FOptsLen
        random.nextBytes(frame);
        frame[0] = (byte) MType.UNCONFIRMED_DATA_UP.mhdr();
        int devAddr = policy.netId().devAddr(random.nextInt());
        for (int i = 0; i < 4; i++) {
            frame[1 + i] = (byte) (devAddr >>> (8 * i));
        }
        frame[5] = (byte) ((frame[5] & 0xF0) | fOptsLen);
        return frame;
    }

    private int neighbourDevAddr() {
        if (neighbours.isEmpty()) {
            throw new IllegalArgumentException("the own NetID overlaps every simulated neighbour network");
        }
        NetId netId = neighbours.get(neighbourIndex++ % neighbours.size());
        return netId.devAddr(random.nextInt());
    }

    private SessionKeys randomKeys() {
        return new SessionKeys(Population.key(random), Population.key(random));
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] unique(byte[] frame) {
        if (!payloads.add(key(frame))) {
            // Random collisions are astronomically unlikely; a repeat would make an unintended duplicate.
            throw new IllegalStateException("the mix produced the same PHYPayload twice: " + key(frame));
        }
        return frame;
    }

    private static String key(byte[] frame) {
        return HexFormat.of().formatHex(frame);
    }

    private static int littleEndianInt(byte[] frame, int offset) {
        return (frame[offset] & 0xFF) | (frame[offset + 1] & 0xFF) << 8 | (frame[offset + 2] & 0xFF) << 16
                | (frame[offset + 3] & 0xFF) << 24;
    }
}
