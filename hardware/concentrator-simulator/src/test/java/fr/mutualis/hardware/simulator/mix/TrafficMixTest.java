package fr.mutualis.hardware.simulator.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.mutualis.hardware.simulator.lorawan.LoRaWanCrypto;
import fr.mutualis.hardware.simulator.lorawan.LoRaWanTestParser;
import fr.mutualis.hardware.simulator.lorawan.LoRaWanTestParser.Parsed;
import fr.mutualis.hardware.simulator.lorawan.MType;
import fr.mutualis.hardware.simulator.lorawan.NetId;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrafficMixTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MixPolicy POLICY = MixPolicy.defaults();
    private static final MixConfig CONFIG = MixConfig.builder().seed(42).build();
    private static final TrafficMix MIX = TrafficMix.generate(CONFIG, POLICY);
    private static final GroundTruth TRUTH = MIX.groundTruth();

    @Test
    void theSameSeedGivesTheSameBytesAndGroundTruth() {
        TrafficMix again = TrafficMix.generate(MixConfig.builder().seed(42).build(), MixPolicy.defaults());
        TrafficMix other = TrafficMix.generate(MixConfig.builder().seed(43).build(), MixPolicy.defaults());

        assertThat(again.datagrams()).hasSameSizeAs(MIX.datagrams());
        for (int i = 0; i < MIX.datagrams().size(); i++) {
            assertThat(again.datagrams().get(i).bytes()).as("datagram %d", i).isEqualTo(MIX.datagrams().get(i).bytes());
        }
        assertThat(again.groundTruth().toJsonLines()).isEqualTo(TRUTH.toJsonLines());
        assertThat(other.groundTruth().toJsonLines()).isNotEqualTo(TRUTH.toJsonLines());
        assertThat(other.datagrams().get(0).bytes()).isNotEqualTo(MIX.datagrams().get(0).bytes());
    }

    @Test
    void countsAreTheConfiguredOnes() {
        Map<ExpectedOutcome, Long> counts = TRUTH.countsByOutcome();
        long chattyAllowed = (long) CONFIG.chattyDevices() * POLICY.rateLimitFrames();

        assertThat(counts.get(ExpectedOutcome.FORWARDED_ALARM)).isEqualTo(CONFIG.alarmDataUp());
        assertThat(counts.get(ExpectedOutcome.FORWARDED_BULK)).isEqualTo(CONFIG.bulkDataUp());
        assertThat(counts.get(ExpectedOutcome.FORWARDED_NORMAL))
                .isEqualTo(CONFIG.normalDataUp() + CONFIG.joinRequests() + chattyAllowed);
        assertThat(counts.get(ExpectedOutcome.DROPPED_CRC_FAILED)).isEqualTo(CONFIG.crcFailed());
        assertThat(counts.get(ExpectedOutcome.DROPPED_CRC_MISSING)).isEqualTo(CONFIG.crcMissing());
        assertThat(counts.get(ExpectedOutcome.DROPPED_NOT_LORAWAN)).isEqualTo(CONFIG.notLorawan());
        assertThat(counts.get(ExpectedOutcome.DROPPED_NOT_UPLINK)).isEqualTo(CONFIG.notUplink());
        assertThat(counts.get(ExpectedOutcome.DROPPED_NETID_NOT_ALLOWED)).isEqualTo(CONFIG.foreignNetId());
        assertThat(counts.get(ExpectedOutcome.DROPPED_JOINEUI_NOT_ALLOWED)).isEqualTo(CONFIG.foreignJoinEui());
        assertThat(counts.get(ExpectedOutcome.DROPPED_RATE_LIMITED)).isEqualTo((long) CONFIG.chattyDevices() * CONFIG.chattyExcess());
        assertThat(counts.get(ExpectedOutcome.DROPPED_DUPLICATE)).isEqualTo(Math.round(TRUTH.forwardedCount() * CONFIG.duplicateRatio()));
        for (Malformation kind : Malformation.values()) {
            assertThat(counts.get(kind.outcome())).as(kind.reason()).isEqualTo(CONFIG.malformed(kind));
        }
        assertThat(TRUTH.forwardedPayloads()).hasSize((int) TRUTH.forwardedCount());
        assertThat(TRUTH.droppedByReason()).containsEntry("crc-failed", 8L).containsEntry("rate-limited", 8L);
        assertThat(TRUTH.rejectedByReason()).containsOnlyKeys("bad-json", "too-short", "unknown-version",
                "rxpk-bad-base64", "rxpk-missing-data", "rxpk-size-mismatch");
        assertThat(TRUTH.expectedCounts().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(TRUTH.frames().size() + MIX.datagrams().stream().filter(d -> d.expected() != null).count());
    }

    @Test
    void everyForwardedFrameIsAValidUplinkOfTheOwnNetworkInTheRightLane() throws Exception {
        for (MixFrame frame : TRUTH.frames()) {
            if (!frame.expected().forwarded()) {
                continue;
            }
            Parsed parsed = LoRaWanTestParser.parse(frame.phyPayload());
            assertThat(parsed.uplink()).as("frame %d", frame.seq()).isTrue();
            assertThat(frame.crcStatus()).isEqualTo(1);
            if (parsed.mType() == 0) {
                JoinDevice device = TRUTH.joinDevices().stream().filter(d -> d.devEui() == parsed.devEui()).findFirst().orElseThrow();
                assertThat(POLICY.joinEuiRange().contains(parsed.joinEui())).isTrue();
                assertThat(parsed.mic()).isEqualTo(LoRaWanCrypto.joinRequestMic(device.appKey(),
                        Arrays.copyOf(frame.phyPayload(), 19)));
                assertThat(frame.expected()).isEqualTo(ExpectedOutcome.FORWARDED_NORMAL);
                continue;
            }
            assertThat(POLICY.netId().owns(parsed.devAddr())).isTrue();
            assertThat(parsed.fPort()).isBetween(1, 223);
            assertThat(frame.expected().lane()).isEqualTo(POLICY.laneOf(parsed.fPort()));
            OwnDevice device = TRUTH.ownDevice(parsed.devAddr()).orElseThrow();
            assertThat(micVerifies(frame, device)).as("MIC of frame %d", frame.seq()).isTrue();
            assertThat(parsed.fCnt16()).isEqualTo((int) (frame.fCnt() & 0xFFFF));
        }
    }

    @Test
    void frameCountersOnlyGoUpPerDevice() {
        Map<Integer, Long> last = new HashMap<>();
        for (MixFrame frame : TRUTH.frames()) {
            if (frame.duplicateOf() != null || TRUTH.ownDevice(frame.devAddr() == null ? 0 : frame.devAddr()).isEmpty()) {
                continue;
            }
            Long previous = last.put(frame.devAddr(), frame.fCnt());
            if (previous != null) {
                assertThat(frame.fCnt()).as("device %s", frame.devAddrHex()).isGreaterThan(previous);
            }
        }
        assertThat(last).hasSizeGreaterThan(CONFIG.ownDevices() / 2);
    }

    @Test
    void eachDroppedFrameReallyHasItsDefect() throws Exception {
        for (MixFrame frame : TRUTH.frames()) {
            byte[] bytes = frame.phyPayload();
            switch (frame.expected()) {
                case DROPPED_CRC_FAILED -> {
                    assertThat(frame.crcStatus()).isEqualTo(-1);
                    OwnDevice device = TRUTH.ownDevice(frame.devAddr()).orElseThrow();
                    assertThat(micVerifies(frame, device)).as("a corrupted frame cannot keep its MIC").isFalse();
                }
                case DROPPED_CRC_MISSING -> assertThat(frame.crcStatus()).isZero();
                case DROPPED_NOT_LORAWAN -> assertThat(catchThrowable(() -> LoRaWanTestParser.parse(bytes)))
                        .as("frame %d", frame.seq()).isInstanceOf(LoRaWanTestParser.NotLoRaWan.class);
                case DROPPED_NOT_UPLINK -> assertThat(LoRaWanTestParser.parse(bytes).uplink()).isFalse();
                case DROPPED_NETID_NOT_ALLOWED -> {
                    Parsed parsed = LoRaWanTestParser.parse(bytes);
                    assertThat(parsed.uplink() && parsed.dataFrame()).isTrue();
                    assertThat(POLICY.netId().owns(parsed.devAddr())).isFalse();
                }
                case DROPPED_JOINEUI_NOT_ALLOWED -> {
                    Parsed parsed = LoRaWanTestParser.parse(bytes);
                    assertThat(parsed.mType()).isZero();
                    assertThat(POLICY.joinEuiRange().contains(parsed.joinEui())).isFalse();
                }
                default -> {
                }
            }
            if (frame.expected().dropped() && frame.expected() != ExpectedOutcome.DROPPED_CRC_FAILED
                    && frame.expected() != ExpectedOutcome.DROPPED_CRC_MISSING) {
                assertThat(frame.crcStatus()).as("only the CRC stage may drop frames with a bad CRC").isEqualTo(1);
            }
        }
        List<String> notLorawanKinds = TRUTH.frames().stream().filter(f -> f.expected() == ExpectedOutcome.DROPPED_NOT_LORAWAN)
                .map(f -> catchThrowable(() -> LoRaWanTestParser.parse(f.phyPayload())).getMessage().split(" ")[0])
                .distinct().toList();
        assertThat(notLorawanKinds).contains("major", "FOptsLen").containsAnyOf("data", "join");
    }

    @Test
    void duplicatesAreExactCopiesOfForwardedFramesHeardWithin50Milliseconds() {
        List<MixFrame> frames = TRUTH.frames();
        List<MixFrame> duplicates = frames.stream().filter(f -> f.category() == Category.DUPLICATE).toList();
        assertThat(duplicates).isNotEmpty();
        boolean crossDatagram = false;
        for (MixFrame copy : duplicates) {
            MixFrame original = frames.get(copy.duplicateOf());
            assertThat(copy.phyPayload()).isEqualTo(original.phyPayload());
            assertThat(original.expected().forwarded()).isTrue();
            assertThat(copy.expected()).isEqualTo(ExpectedOutcome.DROPPED_DUPLICATE);
            assertThat(copy.seq()).isGreaterThan(original.seq());
            assertThat(Math.abs(copy.tmst() - original.tmst())).isLessThan(MixPolicy.DUPLICATE_SPREAD.toNanos() / 1_000);
            if (copy.datagramSeq() != original.datagramSeq()) {
                crossDatagram = true;
                assertThat(copy.datagramSeq()).isEqualTo(original.datagramSeq() + 1);
                assertThat(MIX.datagrams().get(copy.datagramSeq()).chainedToPrevious())
                        .as("sent without waiting for the PUSH_ACK of the original's datagram").isTrue();
            }
        }
        assertThat(crossDatagram).as("some copies come in the next datagram").isTrue();
        Map<String, Long> occurrences = frames.stream().collect(Collectors.groupingBy(MixFrame::phyPayloadBase64, Collectors.counting()));
        occurrences.forEach((payload, n) -> assertThat(n).as("only intended copies repeat a payload").isLessThanOrEqualTo(2));
        assertThat(occurrences.values().stream().filter(n -> n == 2).count()).isEqualTo(duplicates.size());
    }

    @Test
    void onlyChattyDevicesReachTheRateLimitAndExactlyTheirFirstFramesPass() {
        Map<Integer, Integer> counted = new HashMap<>();
        Map<Integer, Integer> forwarded = new HashMap<>();
        for (MixFrame frame : TRUTH.frames()) {
            boolean reachesLimiter = frame.category() == Category.DATA_UP || frame.category() == Category.CHATTY_DATA_UP;
            if (!reachesLimiter) {
                continue;
            }
            int n = counted.merge(frame.devAddr(), 1, Integer::sum);
            boolean chatty = TRUTH.ownDevice(frame.devAddr()).orElseThrow().chatty();
            assertThat(frame.category() == Category.CHATTY_DATA_UP).isEqualTo(chatty);
            assertThat(frame.expected() == ExpectedOutcome.DROPPED_RATE_LIMITED).isEqualTo(n > POLICY.rateLimitFrames());
            if (frame.expected().forwarded()) {
                forwarded.merge(frame.devAddr(), 1, Integer::sum);
            }
        }
        for (OwnDevice device : TRUTH.ownDevices()) {
            int n = counted.getOrDefault(device.devAddr(), 0);
            if (device.chatty()) {
                assertThat(n).isEqualTo(POLICY.rateLimitFrames() + CONFIG.chattyExcess());
                assertThat(forwarded.get(device.devAddr())).isEqualTo(POLICY.rateLimitFrames());
            } else {
                assertThat(n).as("ordinary device %s", device.devAddrHex()).isLessThan(POLICY.rateLimitFrames());
            }
        }
    }

    @Test
    void malformedDatagramsAndEntriesAreReallyMalformed() throws Exception {
        for (MixDatagram datagram : MIX.datagrams()) {
            byte[] bytes = datagram.bytes();
            if (datagram.category() == Category.MALFORMED_DATAGRAM) {
                assertThat(datagram.frames()).isEmpty();
                switch (datagram.expected()) {
                    case REJECTED_TOO_SHORT -> assertThat(bytes.length).isBetween(4, 11);
                    case REJECTED_UNKNOWN_VERSION -> {
                        assertThat(bytes[0] & 0xFF).isNotIn(1, 2);
                        assertThat(JSON.readTree(Arrays.copyOfRange(bytes, 12, bytes.length)).has("rxpk")).isTrue();
                    }
                    case REJECTED_BAD_JSON -> {
                        assertThat(bytes[0]).isEqualTo((byte) 2);
                        assertThat(catchThrowable(() -> JSON.readTree(Arrays.copyOfRange(bytes, 12, bytes.length)))).isNotNull();
                    }
                    default -> throw new AssertionError("unexpected " + datagram.expected());
                }
                continue;
            }
            JsonNode rxpk = JSON.readTree(Arrays.copyOfRange(bytes, 12, bytes.length)).get("rxpk");
            assertThat(rxpk.size()).isEqualTo(datagram.frames().size());
            boolean hasGoodEntry = false;
            for (MixFrame frame : datagram.frames()) {
                JsonNode entry = rxpk.get(frame.entryIndex());
                switch (frame.expected()) {
                    case REJECTED_RXPK_MISSING_DATA -> assertThat(entry.has("data")).isFalse();
                    case REJECTED_RXPK_BAD_BASE64 -> {
                        String data = entry.get("data").asText();
                        assertThat(catchThrowable(() -> Base64.getDecoder().decode(data))).isNotNull();
                        assertThat(catchThrowable(() -> Base64.getMimeDecoder().decode(data))).isNotNull();
                    }
                    case REJECTED_RXPK_SIZE_MISMATCH -> assertThat(entry.get("size").asInt())
                            .isNotEqualTo(Base64.getDecoder().decode(entry.get("data").asText()).length);
                    default -> {
                        hasGoodEntry = true;
                        assertThat(Base64.getDecoder().decode(entry.get("data").asText())).isEqualTo(frame.phyPayload());
                        assertThat(entry.get("size").asInt()).isEqualTo(frame.phyPayload().length);
                    }
                }
                assertThat(entry.get("tmst").asLong()).isEqualTo(frame.tmst());
                assertThat(entry.get("stat").asInt()).isEqualTo(frame.crcStatus());
                assertThat(entry.get("freq").asDouble()).isBetween(863.0, 870.0);
                assertThat(entry.get("modu").asText()).isIn("LORA", "FSK", "LR-FHSS");
                assertThat(entry.has("datr")).isTrue();
            }
            assertThat(hasGoodEntry).as("a broken entry always sits with good ones").isTrue();
        }
    }

    @Test
    void theMixCarriesTheFormatVariantsRealForwardersSend() throws Exception {
        String all = MIX.datagrams().stream().filter(d -> d.category() == Category.PUSH_DATA)
                .map(d -> new String(d.bytes(), 12, d.bytes().length - 12)).collect(Collectors.joining("\n"));

        assertThat(MIX.datagrams()).anyMatch(d -> d.version() == 1).anyMatch(d -> d.version() == 2)
                .anyMatch(MixDatagram::withStat).anyMatch(MixDatagram::chainedToPrevious);
        assertThat(all).contains("\"rsig\":[", "\"etime\":", "\"meta\":{", "\"ftime\":", "\"tmms\":", "\"jver\":1",
                "\"rssis\":", "\"foff\":", "\"stat\":{\"time\":", "\"rxfw\":", "\"temp\":", "\"freq\":868.1,",
                "\"freq\":868.100000");
        assertThat(all).contains("\"modu\":\"LR-FHSS\",\"datr\":\"M0CW137\"", "\"hpw\":52", "\"modu\":\"FSK\",\"datr\":50000");
        assertThat(TRUTH.frames()).anyMatch(f -> f.time() == null).anyMatch(f -> f.time() != null);
        JsonNode stat = JSON.readTree(all.lines().filter(l -> l.contains("\"stat\":{")).findFirst().orElseThrow()).get("stat");
        assertThat(stat.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d GMT");
    }

    @Test
    void plainFormatIsProtocolV2WithTheClassicFieldsOnly() {
        TrafficMix plain = TrafficMix.generate(MixConfig.builder().seed(5).formatVariety(false).build(), POLICY);

        assertThat(plain.datagrams()).allMatch(d -> d.version() == 2 || d.category() == Category.MALFORMED_DATAGRAM)
                .noneMatch(MixDatagram::withStat);
        assertThat(plain.groundTruth().frames()).allMatch(f -> f.format().equals("semtech"));
    }

    @Test
    void refusesAConfigurationWhoseOrdinaryDevicesWouldHitTheRateLimit() {
        MixConfig tooBusy = MixConfig.builder().ownDevices(5).normalDataUp(60).alarmDataUp(0).bulkDataUp(0).build();

        assertThatThrownBy(() -> TrafficMix.generate(tooBusy, POLICY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate limit");
    }

    @Test
    void policyDecidesTheNetworkAndLanes() {
        MixPolicy policy = POLICY.withNetId(NetId.parse("000024"))
                .withAlarmFPorts(Set.of(10, 11)).withBulkFPorts(Set.of(150));
        TrafficMix mix = TrafficMix.generate(MixConfig.builder().seed(9).build(), policy);

        for (MixFrame frame : mix.groundTruth().frames()) {
            if (frame.category() == Category.DATA_UP) {
                assertThat(policy.netId().owns(frame.devAddr())).isTrue();
                assertThat(frame.expected().lane()).isEqualTo(policy.laneOf(frame.fPort()));
            }
            if (frame.category() == Category.FOREIGN_NETID) {
                assertThat(policy.netId().owns(frame.devAddr())).isFalse();
            }
        }
        assertThat(mix.groundTruth().frames()).anyMatch(f -> f.expected() == ExpectedOutcome.FORWARDED_ALARM && f.fPort() == 10);
    }

    private static boolean micVerifies(MixFrame frame, OwnDevice device) {
        byte[] bytes = frame.phyPayload();
        byte[] msg = Arrays.copyOf(bytes, bytes.length - 4);
        byte[] mic = LoRaWanCrypto.dataMic(device.keys().nwkSKey(), true, device.devAddr(), frame.fCnt(), msg);
        return Arrays.equals(mic, Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length))
                && (frame.mType() == MType.UNCONFIRMED_DATA_UP || frame.mType() == MType.CONFIRMED_DATA_UP);
    }
}
