package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.mutualis.gateway.lorawan.FrameCorpus.CorpusFrame;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Parser correctness against an independent oracle: the npm package lora-packet, run through Node
 * once over a seeded corpus of valid frames of every MType (published vectors included), keyed
 * frames whose MIC and encryption were computed here, and malformed and mutated frames.
 *
 * <p>Where the two differ on purpose, the difference is asserted, not skipped:
 * <ul>
 * <li>lora-packet accepts frames we refuse; which ones exactly is {@link LoraPacketLeniency}, checked
 * against lora-packet's verdict on every frame. No frame that lora-packet refuses is accepted by us.</li>
 * <li>lora-packet gives no direction ({@code getDir() == null}) for rejoin requests (and proprietary
 * frames); we say uplink for rejoin requests.</li>
 * <li>lora-packet 0.9.3 reads the RJcount1 of a type 1 rejoin request at bytes 13-14 (inside the
 * DevEUI) instead of 18-19: we check that it does, and that ours is at 18-19.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoraPacketOracleTest {

    private static final long SEED = 0x4d75_7475_616c_6973L;

    private static final Map<MType, String> LORA_PACKET_NAMES = new EnumMap<>(Map.of(
            MType.JOIN_REQUEST, "Join Request",
            MType.JOIN_ACCEPT, "Join Accept",
            MType.UNCONFIRMED_DATA_UP, "Unconfirmed Data Up",
            MType.UNCONFIRMED_DATA_DOWN, "Unconfirmed Data Down",
            MType.CONFIRMED_DATA_UP, "Confirmed Data Up",
            MType.CONFIRMED_DATA_DOWN, "Confirmed Data Down",
            MType.REJOIN_REQUEST, "Rejoin Request",
            MType.PROPRIETARY, "Proprietary"));

    private List<CorpusFrame> valid;
    private List<CorpusFrame> malformed;
    private List<JsonNode> validVerdicts;
    private List<JsonNode> malformedVerdicts;
    private long oracleMillis;

    @BeforeAll
    void runTheOracleOnce() throws Exception {
        valid = FrameCorpus.valid(SEED);
        malformed = FrameCorpus.malformed(SEED + 1, valid.size(), valid);
        List<CorpusFrame> all = new ArrayList<>(valid);
        all.addAll(malformed);

        long start = System.nanoTime();
        LoraPacketOracle oracle = LoraPacketOracle.install();
        List<JsonNode> verdicts = oracle.verdicts(all);
        oracleMillis = (System.nanoTime() - start) / 1_000_000;

        validVerdicts = verdicts.subList(0, valid.size());
        malformedVerdicts = verdicts.subList(valid.size(), verdicts.size());
    }

    @Test
    void everyValidFrameAgreesWithLoraPacketOnEveryField() {
        Agreement agreement = new Agreement();
        Agreement documented = new Agreement();
        Map<MType, Integer> perType = new EnumMap<>(MType.class);
        DataFrameCoverage coverage = new DataFrameCoverage();
        int keyedData = 0;
        int keyedJoin = 0;
        for (int i = 0; i < valid.size(); i++) {
            CorpusFrame frame = valid.get(i);
            JsonNode verdict = validVerdicts.get(i);
            PhyPayload parsed;
            try {
                parsed = PhyPayload.parse(frame.phy());
            } catch (MalformedFrameException e) {
                agreement.disagree(frame, "we refused a valid frame: " + e.reason() + ", " + e.getMessage());
                continue;
            }
            perType.merge(parsed.mType(), 1, Integer::sum);
            coverage.see(parsed);
            if (!verdict.path("ok").asBoolean()) {
                agreement.disagree(frame, "lora-packet refused a valid frame: " + verdict.path("error").asText());
                continue;
            }
            compareFields(frame, parsed, verdict, agreement, documented);
            if (frame.keyed() && parsed.mType().isDataFrame()) {
                keyedData++;
            } else if (frame.keyed()) {
                keyedJoin++;
            }
        }

        System.out.printf("lora-packet oracle: %,d valid frames (%s), %,d keyed data frames with MIC and decryption"
                + " checked, %,d keyed join/rejoin requests; %,d fields compared, %,d disagreements;"
                + " %,d documented differences checked; Node (npm ci when needed + lora-packet) took %,d ms%n",
                valid.size(), perType, keyedData, keyedJoin, agreement.fields(), agreement.disagreements(),
                documented.fields(), oracleMillis);

        assertThat(valid.size()).as("corpus size").isGreaterThanOrEqualTo(10_000);
        assertThat(perType.keySet()).as("every MType in the corpus").containsExactlyInAnyOrder(MType.values());
        assertThat(keyedData).as("keyed data frames").isGreaterThanOrEqualTo(2_000);
        coverage.assertComplete();
        assertThat(agreement.disagreements()).as(agreement.report()).isZero();
        assertThat(documented.disagreements()).as(documented.report()).isZero();
    }

    @Test
    void framesLoraPacketRefusesWeRefuseAndItsLeniencyIsExactlyTheDocumentedOne() {
        Agreement agreement = new Agreement();
        Agreement documented = new Agreement();
        Map<String, int[]> reasons = new TreeMap<>();
        int bothAccepted = 0;
        for (int i = 0; i < malformed.size(); i++) {
            CorpusFrame frame = malformed.get(i);
            JsonNode verdict = malformedVerdicts.get(i);
            boolean theyAccept = verdict.path("ok").asBoolean();
            documented.compare(frame, "lora-packet accepts (LoraPacketLeniency)",
                    LoraPacketLeniency.accepts(frame.phy()), theyAccept);

            PhyPayload parsed = null;
            String reason = null;
            try {
                parsed = PhyPayload.parse(frame.phy());
            } catch (MalformedFrameException e) {
                reason = e.reason();
                int[] counts = reasons.computeIfAbsent(reason, r -> new int[2]);
                counts[0]++;
                counts[1] += theyAccept ? 1 : 0;
            }
            String expected = expectedReason(frame.origin());
            if (expected != null) {
                agreement.compare(frame, "our refusal reason", expected, reason);
            }
            if (parsed != null && !theyAccept) {
                agreement.disagree(frame, "we accept a frame lora-packet refuses: " + verdict.path("error").asText());
            }
            if (parsed != null && theyAccept) {
                bothAccepted++;
                compareFields(frame, parsed, verdict, agreement, documented);
            }
        }
        StringBuilder table = new StringBuilder();
        reasons.forEach((reason, counts) -> table.append(String.format(" %s=%d (lora-packet accepted %d)",
                reason, counts[0], counts[1])));
        System.out.printf("lora-packet oracle, malformed and mutated: %,d frames, %,d accepted by both and compared"
                + " field by field; our refusals:%s; %,d verdicts checked against LoraPacketLeniency%n",
                malformed.size(), bothAccepted, table, documented.fields());

        assertThat(reasons.keySet()).as("every refusal reason exercised").contains("too-short", "too-long",
                "bad-major", "fopts-overflow", "fport0-with-fopts", "join-request-length", "join-accept-length",
                "rejoin-request-length", "rejoin-type");
        assertThat(agreement.disagreements()).as(agreement.report()).isZero();
        assertThat(documented.disagreements()).as(documented.report()).isZero();
    }

    @Test
    void loraPacketParsesThePublishedMajor3JoinAcceptThatWeRefuse() throws Exception {
        // Not from the corpus run: a single documented frame, checked by the model both ways.
        byte[] phy = Frames.hex(PublishedVectors.LORA_PACKET_MAJOR_3_JOIN_ACCEPT);
        assertThat(LoraPacketLeniency.accepts(phy)).isTrue();
        MalformedFrameException refusal = org.junit.jupiter.api.Assertions.assertThrows(
                MalformedFrameException.class, () -> PhyPayload.parse(phy));
        assertThat(refusal.reason()).isEqualTo("bad-major");
        assertThat(refusal.mType()).isEqualTo(MType.JOIN_ACCEPT);
    }

    private static String expectedReason(String origin) {
        switch (origin) {
            case "malformed: empty":
            case "malformed: short data frame":
                return "too-short";
            case "malformed: fopts overflow":
                return "fopts-overflow";
            case "malformed: fport 0 with fopts":
                return "fport0-with-fopts";
            case "malformed: bad major":
                return "bad-major";
            case "malformed: join request length":
                return "join-request-length";
            case "malformed: join accept length":
                return "join-accept-length";
            case "malformed: rejoin request length":
                return "rejoin-request-length";
            case "malformed: rejoin type":
                return "rejoin-type";
            case "malformed: too long":
                return "too-long";
            default:
                return null; // one-byte frames and mutations: some are valid
        }
    }

    /** Every field lora-packet exposes for the frame's MType, plus MIC and decryption when keyed. */
    private static void compareFields(CorpusFrame frame, PhyPayload p, JsonNode v, Agreement agreement,
            Agreement documented) {
        MType mType = p.mType();
        agreement.compare(frame, "MType", LORA_PACKET_NAMES.get(mType), text(v, "mtype"));
        if (mType.code() <= 5) {
            agreement.compare(frame, "direction", mType.isUplink() ? "up" : "down", text(v, "dir"));
        } else {
            documented.compare(frame, "direction (lora-packet has none for MType 6 and 7)", null, text(v, "dir"));
        }
        if (mType.isDataFrame()) {
            compareDataFrame(frame, p, v, agreement);
        } else if (mType == MType.JOIN_REQUEST) {
            agreement.compare(frame, "AppEUI/JoinEUI", Hex.longToHex(p.joinEui()), text(v, "appEui"));
            agreement.compare(frame, "DevEUI", Hex.longToHex(p.devEui()), text(v, "devEui"));
            agreement.compare(frame, "DevNonce", Hex.toHex(p.devNonce(), 4), text(v, "devNonce"));
            agreement.compare(frame, "MIC", Hex.intToHex(p.mic()), text(v, "mic"));
            if (frame.appKey() != null) {
                boolean ours = LoRaWanCrypto.verifyJoinRequestMic(frame.appKey(), p);
                agreement.compare(frame, "join request MIC valid", ours, bool(v, "micOk"));
                expect(frame, agreement, "join request MIC valid (as generated)", frame.micValid(), ours);
            }
        } else if (mType == MType.REJOIN_REQUEST) {
            compareRejoin(frame, p, v, agreement, documented);
        }
    }

    private static void compareDataFrame(CorpusFrame frame, PhyPayload p, JsonNode v, Agreement agreement) {
        agreement.compare(frame, "DevAddr", Hex.intToHex(p.devAddr()), text(v, "devAddr"));
        agreement.compare(frame, "FCtrl", Hex.byteToHex(p.fCtrl()), text(v, "fCtrl"));
        agreement.compare(frame, "ADR", p.adr(), bool(v, "adr"));
        agreement.compare(frame, "ADRACKReq", p.adrAckReq(), bool(v, "adrAckReq"));
        agreement.compare(frame, "ACK", p.ack(), bool(v, "ack"));
        agreement.compare(frame, "FPending", p.fPending(), bool(v, "fPending"));
        agreement.compare(frame, "FOptsLen", p.fOptsLength(), integer(v, "fOptsLen"));
        agreement.compare(frame, "FOpts", Frames.hex(p.fOpts()), text(v, "fOpts"));
        agreement.compare(frame, "FCnt", p.fCnt(), integer(v, "fCnt"));
        agreement.compare(frame, "FPort", p.fPort() < 0 ? null : p.fPort(), integer(v, "fPort"));
        agreement.compare(frame, "FRMPayload", Frames.hex(p.frmPayload()), text(v, "frmPayload"));
        agreement.compare(frame, "MIC", Hex.intToHex(p.mic()), text(v, "mic"));
        if (frame.nwkSKey() == null) {
            return;
        }
        int fCnt32 = (int) frame.fCnt32();
        agreement.compare(frame, "crypto error", null, text(v, "cryptoError"));
        boolean ours = LoRaWanCrypto.verifyDataFrameMic(frame.nwkSKey(), p, fCnt32);
        agreement.compare(frame, "data MIC valid", ours, bool(v, "micOk"));
        expect(frame, agreement, "data MIC valid (as generated)", frame.micValid(), ours);
        if (p.frmPayloadLength() > 0) {
            String plain = Frames.hex(LoRaWanCrypto.decryptFrmPayload(p, fCnt32, frame.appSKey(), frame.nwkSKey()));
            agreement.compare(frame, "decrypted FRMPayload", plain, text(v, "plain"));
            expect(frame, agreement, "decrypted FRMPayload (as generated)",
                    frame.plaintext() == null ? null : Frames.hex(frame.plaintext()), plain);
        }
    }

    private static void compareRejoin(CorpusFrame frame, PhyPayload p, JsonNode v, Agreement agreement,
            Agreement documented) {
        int rejoinType = p.rejoinType();
        agreement.compare(frame, "RejoinType", rejoinType, integer(v, "rejoinType"));
        agreement.compare(frame, "DevEUI", Hex.longToHex(p.devEui()), text(v, "devEui"));
        agreement.compare(frame, "MIC", Hex.intToHex(p.mic()), text(v, "mic"));
        if (rejoinType == 1) {
            agreement.compare(frame, "JoinEUI", Hex.longToHex(p.joinEui()), text(v, "joinEui"));
            byte[] phy = frame.phy();
            String atBytes13And14 = Hex.toHex((phy[13] & 0xff) | (phy[14] & 0xff) << 8, 4);
            documented.compare(frame, "RJcount1 (lora-packet reads bytes 13-14)", atBytes13And14, text(v, "rjCount1"));
            documented.compare(frame, "RJcount1 (ours reads bytes 18-19)",
                    (phy[18] & 0xff) | (phy[19] & 0xff) << 8, p.rjCount());
        } else {
            agreement.compare(frame, "NetID", Hex.toHex(p.netId(), 6), text(v, "netId"));
            agreement.compare(frame, "RJcount0", Hex.toHex(p.rjCount(), 4), text(v, "rjCount0"));
        }
        byte[] key = rejoinType == 1 ? frame.appKey() : frame.nwkSKey();
        if (key != null) {
            boolean ours = LoRaWanCrypto.rejoinRequestMic(key, p) == p.mic();
            agreement.compare(frame, "rejoin MIC valid", ours, bool(v, "micOk"));
            expect(frame, agreement, "rejoin MIC valid (as generated)", frame.micValid(), ours);
        }
    }

    /** A check of our result against what the corpus was built (or published) to contain. */
    private static void expect(CorpusFrame frame, Agreement agreement, String what, Object expected, Object ours) {
        if (expected != null && !expected.equals(ours)) {
            agreement.disagree(frame, what + ": expected " + expected + ", ours " + ours);
        }
    }

    /** What the generated data frames must cover: every FOpts length, every FCtrl flag, every FPort case. */
    private static final class DataFrameCoverage {
        private final java.util.Set<Integer> fOptsLengths = new java.util.TreeSet<>();
        private final java.util.Set<Integer> fCtrlFlags = new java.util.TreeSet<>();
        private final java.util.Set<String> fPortCases = new java.util.TreeSet<>();

        void see(PhyPayload frame) {
            if (!frame.mType().isDataFrame()) {
                return;
            }
            fOptsLengths.add(frame.fOptsLength());
            fCtrlFlags.add(frame.fCtrl() >>> 4);
            int maxPayload = PhyPayload.MAX_LENGTH - PhyPayload.MIN_DATA_LENGTH - frame.fOptsLength() - 1;
            fPortCases.add(frame.fPort() < 0 ? "no FPort" : frame.fPort() == 0 ? "FPort 0" : "FPort 1-255");
            if (frame.fPort() >= 0 && frame.frmPayloadLength() == 0) {
                fPortCases.add("empty FRMPayload");
            }
            if (frame.frmPayloadLength() == maxPayload) {
                fPortCases.add("largest FRMPayload");
            }
        }

        void assertComplete() {
            assertThat(fOptsLengths).as("FOpts lengths").hasSize(16);
            assertThat(fCtrlFlags).as("combinations of ADR, ADRACKReq, ACK, FPending").hasSize(16);
            assertThat(fPortCases).as("FPort and FRMPayload cases").containsExactlyInAnyOrder("no FPort", "FPort 0",
                    "FPort 1-255", "empty FRMPayload", "largest FRMPayload");
        }
    }

    private static String text(JsonNode verdict, String field) {
        JsonNode node = verdict.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Boolean bool(JsonNode verdict, String field) {
        JsonNode node = verdict.get(field);
        return node == null || !node.isBoolean() ? null : node.asBoolean();
    }

    private static Integer integer(JsonNode verdict, String field) {
        JsonNode node = verdict.get(field);
        return node == null || !node.isNumber() ? null : node.asInt();
    }
}
