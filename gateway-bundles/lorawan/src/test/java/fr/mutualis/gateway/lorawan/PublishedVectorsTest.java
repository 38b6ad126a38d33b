package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;

import fr.mutualis.gateway.lorawan.PublishedVectors.DataVector;
import fr.mutualis.gateway.lorawan.PublishedVectors.JoinRequestVector;
import fr.mutualis.gateway.lorawan.PublishedVectors.RejoinVector;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Published frames (sources in {@link PublishedVectors}): fields, MICs and plaintexts as published. */
class PublishedVectorsTest {

    static List<DataVector> dataVectors() {
        return PublishedVectors.DATA;
    }

    static List<JoinRequestVector> joinRequestVectors() {
        return PublishedVectors.JOIN_REQUESTS;
    }

    static List<RejoinVector> rejoinVectors() {
        return PublishedVectors.REJOINS;
    }

    static List<String> rawVectors() {
        return PublishedVectors.RAW;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataVectors")
    void dataFrames(DataVector v) throws Exception {
        PhyPayload frame = PhyPayload.parse(Frames.hex(v.phy()));

        assertThat(frame.mType()).isEqualTo(v.mType());
        assertThat(DevAddrs.toString(frame.devAddr())).isEqualTo(v.devAddr());
        assertThat(frame.fCnt()).isEqualTo(v.fCnt());
        assertThat(frame.fCtrl()).isEqualTo(v.fCtrl());
        assertThat(frame.fPort()).isEqualTo(v.fPort());
        assertThat(Frames.hex(frame.frmPayload())).isEqualTo(v.frmPayload());
        assertThat(String.format("%08x", frame.mic())).isEqualTo(v.mic());
        byte[] nwkSKey = Frames.hex(v.nwkSKey());
        if (v.micValid() != null) {
            assertThat(LoRaWanCrypto.verifyDataFrameMic(nwkSKey, frame, v.fCnt())).isEqualTo(v.micValid());
        }
        if (v.plaintext() != null) {
            assertThat(Frames.hex(LoRaWanCrypto.decryptFrmPayload(frame, v.fCnt(), Frames.hex(v.appSKey()), nwkSKey)))
                    .isEqualTo(v.plaintext());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("joinRequestVectors")
    void joinRequests(JoinRequestVector v) throws Exception {
        PhyPayload frame = PhyPayload.parse(Frames.hex(v.phy()));

        assertThat(frame.mType()).isEqualTo(MType.JOIN_REQUEST);
        assertThat(Hex.longToHex(frame.joinEui())).isEqualTo(v.joinEui());
        assertThat(Hex.longToHex(frame.devEui())).isEqualTo(v.devEui());
        assertThat(frame.devNonce()).isEqualTo(v.devNonce());
        assertThat(String.format("%08x", frame.mic())).isEqualTo(v.mic());
        if (v.appKey() != null) {
            assertThat(LoRaWanCrypto.verifyJoinRequestMic(Frames.hex(v.appKey()), frame)).isEqualTo(v.micValid());
            assertThat(LoRaWanCrypto.joinRequestMic(Frames.hex(v.appKey()), frame)).isEqualTo(frame.mic());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejoinVectors")
    void rejoinRequests(RejoinVector v) throws Exception {
        PhyPayload frame = PhyPayload.parse(Frames.hex(v.phy()));

        assertThat(frame.rejoinType()).isEqualTo(v.rejoinType());
        String netIdOrJoinEui = v.rejoinType() == 1 ? Hex.longToHex(frame.joinEui()) : Hex.toHex(frame.netId(), 6);
        assertThat(netIdOrJoinEui).isEqualTo(v.netIdOrJoinEui());
        assertThat(Hex.longToHex(frame.devEui())).isEqualTo(v.devEui());
        assertThat(frame.rjCount()).isEqualTo(v.rjCount());
        assertThat(String.format("%08x", frame.mic())).isEqualTo(v.mic());
        assertThat(LoRaWanCrypto.rejoinRequestMic(Frames.hex(v.key()), frame)).isEqualTo(frame.mic());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawVectors")
    void framesWithoutReadableFields(String phy) throws Exception {
        PhyPayload frame = PhyPayload.parse(Frames.hex(phy));

        assertThat(frame.mType()).isIn(MType.JOIN_ACCEPT, MType.PROPRIETARY);
        assertThat(Frames.hex(frame.bytes())).isEqualToIgnoringCase(phy);
    }
}
