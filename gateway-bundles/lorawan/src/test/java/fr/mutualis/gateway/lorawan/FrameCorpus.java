package fr.mutualis.gateway.lorawan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded corpus of LoRaWAN frames for the lora-packet oracle: the published vectors, then
 * generated frames of every MType with varied FCtrl bits, FOpts lengths 0 to 15, with and without
 * FPort, FPort 0, empty and maximum-size payloads; a subset carries random keys, its MIC computed
 * and its FRMPayload encrypted here (a few MICs deliberately wrong). {@link #malformed} derives
 * refused and mutated frames from it.
 */
final class FrameCorpus {

    /** One frame and what the oracle needs to check it; keys null when the frame has none. */
    record CorpusFrame(int id, String origin, byte[] phy, byte[] nwkSKey, byte[] appSKey, byte[] appKey,
            long fCnt32, byte[] plaintext, Boolean micValid) {

        boolean keyed() {
            return nwkSKey != null || appKey != null;
        }
    }

    static final int DATA_FRAMES = 8_400;
    static final int JOIN_REQUESTS = 1_500;
    static final int JOIN_ACCEPTS = 700;
    static final int REJOIN_REQUESTS = 900;
    static final int PROPRIETARY_FRAMES = 700;

    private static final MType[] DATA_TYPES = {MType.UNCONFIRMED_DATA_UP, MType.UNCONFIRMED_DATA_DOWN,
        MType.CONFIRMED_DATA_UP, MType.CONFIRMED_DATA_DOWN};

    private final Random random;
    private final List<CorpusFrame> frames = new ArrayList<>();
    private int nextId;

    private FrameCorpus(long seed, int firstId) {
        this.random = new Random(seed);
        this.nextId = firstId;
    }

    /** The published vectors and the generated valid frames, ids from 0. */
    static List<CorpusFrame> valid(long seed) {
        FrameCorpus corpus = new FrameCorpus(seed, 0);
        corpus.addPublishedVectors();
        for (int i = 0; i < DATA_FRAMES; i++) {
            corpus.addDataFrame(i % 3 == 0);
        }
        for (int i = 0; i < JOIN_REQUESTS; i++) {
            corpus.addJoinRequest(i % 5 < 2);
        }
        for (int i = 0; i < JOIN_ACCEPTS; i++) {
            corpus.addJoinAccept();
        }
        for (int i = 0; i < REJOIN_REQUESTS; i++) {
            corpus.addRejoinRequest(i % 2 == 0);
        }
        for (int i = 0; i < PROPRIETARY_FRAMES; i++) {
            corpus.addProprietary();
        }
        return corpus.frames;
    }

    /**
     * Frames that break one framing rule each (every refusal reason, plus the edge lengths around
     * each MType's rules), then random mutations of valid frames, which may or may not parse.
     * Ids follow {@code firstId}.
     */
    static List<CorpusFrame> malformed(long seed, int firstId, List<CorpusFrame> valid) {
        FrameCorpus corpus = new FrameCorpus(seed, firstId);
        corpus.addMalformed(valid);
        return corpus.frames;
    }

    // ---- valid frames ----

    private void addPublishedVectors() {
        for (PublishedVectors.DataVector v : PublishedVectors.DATA) {
            add("published: " + v.source(), Frames.hex(v.phy()), key(v.nwkSKey()), key(v.appSKey()), null,
                    v.fCnt(), v.plaintext() == null ? null : Frames.hex(v.plaintext()), v.micValid());
        }
        for (PublishedVectors.JoinRequestVector v : PublishedVectors.JOIN_REQUESTS) {
            add("published: " + v.source(), Frames.hex(v.phy()), null, null, key(v.appKey()), 0, null, v.micValid());
        }
        for (PublishedVectors.RejoinVector v : PublishedVectors.REJOINS) {
            // lora-packet takes the type 1 key as "AppKey", the type 0/2 key as "NwkSKey".
            byte[] k = key(v.key());
            add("published: " + v.source(), Frames.hex(v.phy()), v.rejoinType() == 1 ? null : k, null,
                    v.rejoinType() == 1 ? k : null, 0, null, true);
        }
        for (String phy : PublishedVectors.RAW) {
            add("published", Frames.hex(phy), null, null, null, 0, null, null);
        }
    }

    private void addDataFrame(boolean keyed) {
        MType mType = DATA_TYPES[random.nextInt(DATA_TYPES.length)];
        int devAddr = random.nextInt(4) == 0 ? 0x26000000 | random.nextInt(1 << 25) : random.nextInt();
        int fCtrlFlags = random.nextInt(16) << 4;
        int fPort;
        int fOptsLength;
        int portChoice = random.nextInt(20);
        if (portChoice < 3) {
            fPort = -1;
            fOptsLength = random.nextInt(16);
        } else if (portChoice < 6) {
            fPort = 0; // MAC commands in FRMPayload: FOpts must be empty
            fOptsLength = 0;
        } else {
            fPort = portChoice == 6 ? 224 : 1 + random.nextInt(255);
            fOptsLength = random.nextInt(16);
        }
        byte[] fOpts = randomBytes(fOptsLength);
        int maxPayload = PhyPayload.MAX_LENGTH - PhyPayload.MIN_DATA_LENGTH - fOptsLength - 1;
        byte[] plaintext = fPort < 0 ? new byte[0] : randomBytes(payloadLength(maxPayload));
        long fCnt32 = randomFCnt32();
        boolean uplink = mType.isUplink();
        int mhdr = withRandomRfu(Frames.mhdr(mType));

        if (!keyed) {
            byte[] withoutMic = Frames.dataWithoutMic(mhdr, devAddr, fCtrlFlags, (int) fCnt32 & 0xFFFF, fOpts, fPort,
                    plaintext);
            add("generated", Frames.withMic(withoutMic, random.nextInt()), null, null, null, fCnt32, null, null);
            return;
        }
        byte[] nwkSKey = randomBytes(16);
        byte[] appSKey = randomBytes(16);
        byte[] ciphertext = LoRaWanCrypto.decryptFrmPayload(fPort == 0 ? nwkSKey : appSKey, uplink, devAddr,
                (int) fCnt32, plaintext);
        byte[] withoutMic = Frames.dataWithoutMic(mhdr, devAddr, fCtrlFlags, (int) fCnt32 & 0xFFFF, fOpts, fPort,
                ciphertext);
        int mic = LoRaWanCrypto.dataFrameMic(nwkSKey, uplink, devAddr, (int) fCnt32, withoutMic);
        boolean micValid = random.nextInt(25) != 0;
        if (!micValid) {
            mic ^= 1 << random.nextInt(32);
        }
        add("generated", Frames.withMic(withoutMic, mic), nwkSKey, appSKey, null, fCnt32, plaintext, micValid);
    }

    private void addJoinRequest(boolean keyed) {
        byte[] withoutMic = Frames.joinRequestWithoutMic(withRandomRfu(Frames.mhdr(MType.JOIN_REQUEST)),
                random.nextInt(3) == 0 ? 0x70b3d57ed0000000L | random.nextInt() : random.nextLong(),
                random.nextLong(), random.nextInt(1 << 16));
        if (!keyed) {
            add("generated", Frames.withMic(withoutMic, random.nextInt()), null, null, null, 0, null, null);
            return;
        }
        byte[] appKey = randomBytes(16);
        int mic = Frames.firstFour(LoRaWanCrypto.aesCmac(appKey, withoutMic));
        boolean micValid = random.nextInt(25) != 0;
        if (!micValid) {
            mic ^= 1 << random.nextInt(32);
        }
        add("generated", Frames.withMic(withoutMic, mic), null, null, appKey, 0, null, micValid);
    }

    private void addJoinAccept() {
        // Encrypted on air: random bytes of one of the two lengths.
        byte[] frame = randomBytes(random.nextBoolean() ? 17 : 33);
        frame[0] = (byte) withRandomRfu(Frames.mhdr(MType.JOIN_ACCEPT));
        add("generated", frame, null, null, null, 0, null, null);
    }

    private void addRejoinRequest(boolean keyed) {
        int rejoinType = random.nextInt(3);
        long netIdOrJoinEui = rejoinType == 1 ? random.nextLong() : random.nextInt(1 << 24);
        byte[] withoutMic = Frames.rejoinWithoutMic(withRandomRfu(Frames.mhdr(MType.REJOIN_REQUEST)), rejoinType,
                netIdOrJoinEui, random.nextLong(), random.nextInt(1 << 16));
        if (!keyed) {
            add("generated", Frames.withMic(withoutMic, random.nextInt()), null, null, null, 0, null, null);
            return;
        }
        byte[] key = randomBytes(16);
        int mic = Frames.firstFour(LoRaWanCrypto.aesCmac(key, withoutMic));
        boolean micValid = random.nextInt(25) != 0;
        if (!micValid) {
            mic ^= 1 << random.nextInt(32);
        }
        add("generated", Frames.withMic(withoutMic, mic), rejoinType == 1 ? null : key, null,
                rejoinType == 1 ? key : null, 0, null, micValid);
    }

    private void addProprietary() {
        byte[] frame = randomBytes(1 + random.nextInt(PhyPayload.MAX_LENGTH));
        frame[0] = (byte) withRandomRfu(Frames.mhdr(MType.PROPRIETARY));
        add("generated", frame, null, null, null, 0, null, null);
    }

    // ---- malformed and mutated frames ----

    private void addMalformed(List<CorpusFrame> valid) {
        addRefused("empty", new byte[0]);
        for (int mhdr = 0; mhdr < 256; mhdr++) {
            addRefused("one byte", new byte[] {(byte) mhdr});
        }
        for (MType mType : DATA_TYPES) {
            for (int length = 2; length < PhyPayload.MIN_DATA_LENGTH; length++) {
                for (int i = 0; i < 3; i++) {
                    addRefused("short data frame", startingWith(Frames.mhdr(mType), length));
                }
            }
        }
        for (int i = 0; i < 400; i++) {
            // FOptsLen 1..15 with fewer bytes than that before the MIC.
            int fOptsLength = 1 + random.nextInt(15);
            byte[] frame = startingWith(Frames.mhdr(DATA_TYPES[random.nextInt(4)]),
                    PhyPayload.MIN_DATA_LENGTH + random.nextInt(fOptsLength));
            frame[5] = (byte) (random.nextInt(16) << 4 | fOptsLength);
            addRefused("fopts overflow", frame);
        }
        for (int i = 0; i < 300; i++) {
            int fOptsLength = 1 + random.nextInt(15);
            byte[] withoutMic = Frames.dataWithoutMic(Frames.mhdr(DATA_TYPES[random.nextInt(4)]), random.nextInt(),
                    random.nextInt(16) << 4, random.nextInt(1 << 16), randomBytes(fOptsLength), 0,
                    randomBytes(random.nextInt(20)));
            addRefused("fport 0 with fopts", Frames.withMic(withoutMic, random.nextInt()));
        }
        for (int i = 0; i < 600; i++) {
            byte[] frame = valid.get(random.nextInt(valid.size())).phy().clone();
            frame[0] = (byte) (frame[0] & ~0x03 | 1 + random.nextInt(3));
            addRefused("bad major", frame);
        }
        for (int length = 2; length <= 60; length++) {
            if (length != PhyPayload.JOIN_REQUEST_LENGTH) {
                addRefused("join request length", startingWith(Frames.mhdr(MType.JOIN_REQUEST), length));
            }
            if (length != PhyPayload.JOIN_ACCEPT_LENGTH && length != PhyPayload.JOIN_ACCEPT_WITH_CFLIST_LENGTH) {
                addRefused("join accept length", startingWith(Frames.mhdr(MType.JOIN_ACCEPT), length));
            }
            for (int rejoinType = 0; rejoinType <= 2; rejoinType++) {
                int expected = rejoinType == 1 ? PhyPayload.REJOIN_1_LENGTH : PhyPayload.REJOIN_0_2_LENGTH;
                if (length != expected) {
                    byte[] frame = startingWith(Frames.mhdr(MType.REJOIN_REQUEST), length);
                    frame[1] = (byte) rejoinType;
                    addRefused("rejoin request length", frame);
                }
            }
        }
        for (int rejoinType = 3; rejoinType < 256; rejoinType++) {
            byte[] frame = startingWith(Frames.mhdr(MType.REJOIN_REQUEST), 2 + random.nextInt(30));
            frame[1] = (byte) rejoinType;
            addRefused("rejoin type", frame);
        }
        for (int i = 0; i < 200; i++) {
            byte[] frame = startingWith(Frames.mhdr(MType.values()[random.nextInt(8)]),
                    PhyPayload.MAX_LENGTH + 1 + random.nextInt(200));
            frame[5] = (byte) (frame[5] & 0xf0); // no FOpts, so that a data frame's only fault is its length
            addRefused("too long", frame);
        }
        for (int i = 0; i < 1_500; i++) {
            add("mutated", mutate(valid.get(random.nextInt(valid.size())).phy()), null, null, null, 0, null, null);
        }
    }

    /** Truncates, extends, flips bits or overwrites the MHDR or FCtrl of a frame. */
    private byte[] mutate(byte[] original) {
        byte[] frame = original.clone();
        switch (random.nextInt(5)) {
            case 0:
                return Arrays.copyOf(frame, random.nextInt(frame.length + 1));
            case 1: {
                byte[] longer = Arrays.copyOf(frame, frame.length + 1 + random.nextInt(40));
                for (int i = frame.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt();
                }
                return longer;
            }
            case 2:
                frame[0] = (byte) random.nextInt();
                return frame;
            case 3:
                if (frame.length > 5) {
                    frame[5] = (byte) random.nextInt();
                }
                return frame;
            default:
                for (int flips = 1 + random.nextInt(4); flips > 0 && frame.length > 0; flips--) {
                    frame[random.nextInt(frame.length)] ^= (byte) (1 << random.nextInt(8));
                }
                return frame;
        }
    }

    private void addRefused(String category, byte[] phy) {
        add("malformed: " + category, phy, null, null, null, 0, null, null);
    }

    private byte[] startingWith(int mhdr, int length) {
        byte[] frame = randomBytes(length);
        frame[0] = (byte) mhdr;
        return frame;
    }

    // ---- helpers ----

    private void add(String origin, byte[] phy, byte[] nwkSKey, byte[] appSKey, byte[] appKey, long fCnt32,
            byte[] plaintext, Boolean micValid) {
        frames.add(new CorpusFrame(nextId++, origin, phy, nwkSKey, appSKey, appKey, fCnt32, plaintext, micValid));
    }

    /** One frame in ten sets random MHDR RFU bits, which both parsers must ignore. */
    private int withRandomRfu(int mhdr) {
        return random.nextInt(10) == 0 ? mhdr | random.nextInt(8) << 2 : mhdr;
    }

    private int payloadLength(int max) {
        int choice = random.nextInt(10);
        if (choice == 0) {
            return 0;
        }
        if (choice == 1) {
            return max;
        }
        return choice < 6 ? 1 + random.nextInt(Math.min(51, max)) : 1 + random.nextInt(max);
    }

    /** Counters below 2^16, up to 2^31, and above (negative as an int), a third each. */
    private long randomFCnt32() {
        switch (random.nextInt(3)) {
            case 0:
                return random.nextInt(1 << 16);
            case 1:
                return random.nextInt(Integer.MAX_VALUE);
            default:
                return 0x8000_0000L + random.nextInt(Integer.MAX_VALUE);
        }
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] key(String hex) {
        return hex == null ? null : Frames.hex(hex);
    }
}
