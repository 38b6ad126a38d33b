package fr.mutualis.gateway.lorawan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhyPayloadTest {

    // Confirmed data up, DevAddr 01020304, FCtrl ADR+ACK with 2 bytes of FOpts, FCnt 0x0a0b,
    // FOpts 0203, FPort 7, FRMPayload aabbcc, MIC 11223344.
    private static final String DATA = "80" + "04030201" + "a2" + "0b0a" + "0203" + "07" + "aabbcc" + "11223344";

    @Test
    void readsDataFieldsInTheByteOrderPeopleRead() throws Exception {
        PhyPayload frame = PhyPayload.parse(Frames.hex(DATA));

        assertThat(frame.mType()).isEqualTo(MType.CONFIRMED_DATA_UP);
        assertThat(frame.major()).isZero();
        assertThat(frame.devAddr()).isEqualTo(0x01020304);
        assertThat(frame.fCtrl()).isEqualTo(0xa2);
        assertThat(frame.adr()).isTrue();
        assertThat(frame.adrAckReq()).isFalse();
        assertThat(frame.ack()).isTrue();
        assertThat(frame.fPending()).isFalse();
        assertThat(frame.fOptsLength()).isEqualTo(2);
        assertThat(Frames.hex(frame.fOpts())).isEqualTo("0203");
        assertThat(frame.fCnt()).isEqualTo(0x0a0b);
        assertThat(frame.fPort()).isEqualTo(7);
        assertThat(frame.frmPayloadLength()).isEqualTo(3);
        assertThat(Frames.hex(frame.frmPayload())).isEqualTo("aabbcc");
        assertThat(frame.mic()).isEqualTo(0x11223344);
        assertThat(frame.hasMic()).isTrue();
        assertThat(frame).hasToString("CONFIRMED_DATA_UP 18B DevAddr=01020304 FCnt=2571 FPort=7");
    }

    @Test
    void distinguishesAnAbsentFPortFromAnEmptyPayload() throws Exception {
        PhyPayload noPort = PhyPayload.parse(Frames.hex("60" + "04030201" + "00" + "0100" + "11223344"));
        PhyPayload emptyPayload = PhyPayload.parse(Frames.hex("60" + "04030201" + "00" + "0100" + "05" + "11223344"));

        assertThat(noPort.fPort()).isEqualTo(-1);
        assertThat(noPort.frmPayload()).isEmpty();
        assertThat(emptyPayload.fPort()).isEqualTo(5);
        assertThat(emptyPayload.frmPayload()).isEmpty();
        assertThat(emptyPayload.frmPayloadLength()).isZero();
    }

    @Test
    void acceptsFPortZeroWithoutFOptsAndIgnoresMhdrRfuBits() throws Exception {
        PhyPayload frame = PhyPayload.parse(Frames.hex("7c" + "04030201" + "10" + "0100" + "00" + "0203" + "11223344"));

        assertThat(frame.mType()).isEqualTo(MType.UNCONFIRMED_DATA_DOWN);
        assertThat(frame.fPort()).isZero();
        assertThat(frame.fPending()).isTrue();
        assertThat(frame.mhdr()).isEqualTo(0x7c);
    }

    @Test
    void readsJoinRequestFieldsReversedFromTheAir() throws Exception {
        PhyPayload frame = PhyPayload.parse(Frames.hex("00" + "0807060504030201" + "1817161514131211" + "3412" + "a1b2c3d4"));

        assertThat(frame.joinEui()).isEqualTo(0x0102030405060708L);
        assertThat(frame.devEui()).isEqualTo(0x1112131415161718L);
        assertThat(frame.devNonce()).isEqualTo(0x1234);
        assertThat(frame.mic()).isEqualTo(0xa1b2c3d4);
    }

    @Test
    void readsRejoinRequestsOfEachType() throws Exception {
        PhyPayload type0 = PhyPayload.parse(Frames.hex("c0" + "00" + "130000" + "0807060504030201" + "0200" + "00000000"));
        PhyPayload type1 = PhyPayload.parse(Frames.hex("c0" + "01" + "1817161514131211" + "0807060504030201" + "0300"
                + "00000000"));

        assertThat(type0.rejoinType()).isZero();
        assertThat(type0.netId()).isEqualTo(0x000013);
        assertThat(type0.devEui()).isEqualTo(0x0102030405060708L);
        assertThat(type0.rjCount()).isEqualTo(2);
        assertThat(type1.joinEui()).isEqualTo(0x1112131415161718L);
        assertThat(type1.devEui()).isEqualTo(0x0102030405060708L);
        assertThat(type1.rjCount()).isEqualTo(3);
        assertThatThrownBy(type1::netId).isInstanceOf(IllegalStateException.class).hasMessageContaining("type 1");
        assertThatThrownBy(type0::joinEui).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void exposesOnlyTheTypeOfJoinAcceptsAndProprietaryFrames() throws Exception {
        PhyPayload joinAccept = PhyPayload.parse(Frames.hex("20" + "00".repeat(32)));
        byte[] proprietaryBytes = {(byte) 0xe0, 1, 2};
        PhyPayload proprietary = PhyPayload.parse(proprietaryBytes);

        assertThat(joinAccept.mType()).isEqualTo(MType.JOIN_ACCEPT);
        assertThat(joinAccept.hasMic()).isFalse();
        assertThatThrownBy(joinAccept::mic).isInstanceOf(IllegalStateException.class);
        assertThat(proprietary.mType()).isEqualTo(MType.PROPRIETARY);
        assertThat(proprietary.bytes()).isEqualTo(proprietaryBytes);
        assertThatThrownBy(proprietary::devAddr).isInstanceOf(IllegalStateException.class)
                .hasMessage("devAddr() does not apply to a PROPRIETARY");
    }

    @Test
    void returnedArraysAreCopies() throws Exception {
        PhyPayload frame = PhyPayload.parse(Frames.hex(DATA));

        frame.fOpts()[0] = 9;
        frame.frmPayload()[0] = 9;
        frame.bytes()[0] = 9;

        assertThat(Frames.hex(frame.fOpts())).isEqualTo("0203");
        assertThat(Frames.hex(frame.frmPayload())).isEqualTo("aabbcc");
        assertThat(Frames.hex(frame.bytes())).isEqualTo(DATA);
    }

    @Test
    void acceptsTheLongestLoRaFrame() throws Exception {
        byte[] longest = new byte[PhyPayload.MAX_LENGTH];
        longest[0] = 0x40;

        assertThat(PhyPayload.parse(longest).frmPayloadLength()).isEqualTo(255 - 13);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource({
        "'',                                                  too-short,             empty PHYPayload",
        "40040302010001001122,                                too-short,             'UNCONFIRMED_DATA_UP of 10 bytes, a data frame has at least 12'",
        "41040302010001000111223344,                          bad-major,             MHDR 0x41 announces Major 1",
        "4004030201030100010211223344,                        fopts-overflow,        'FOptsLen 3 needs 15 bytes, the frame has 14'",
        "40040302010101000100aa11223344,                      fport0-with-fopts,     FPort 0 (MAC commands in FRMPayload) with 1 bytes of FOpts",
        "000807060504030201080706050403020101020304,          join-request-length,   'JOIN_REQUEST of 21 bytes, expected 23 bytes'",
        "200102030405060708090a0b0c0d0e0f10aa,                join-accept-length,    'JOIN_ACCEPT of 18 bytes, expected 17 or 33 bytes'",
        "c0,                                                  rejoin-request-length, REJOIN_REQUEST of 1 byte has no RejoinType",
        "c000030201080706050403020102010102030405,            rejoin-request-length, 'REJOIN_REQUEST type 0 of 20 bytes, expected 19'",
        "c003030201080706050403020102010102030405,            rejoin-type,           'RejoinType 3, only 0, 1 and 2 are defined'",
    })
    void refusesMalformedFramesWithAStableReasonAndAPreciseMessage(String hex, String reason, String message) {
        MalformedFrameException refusal = assertThrows(MalformedFrameException.class,
                () -> PhyPayload.parse(Frames.hex(hex)));

        assertThat(refusal.reason()).isEqualTo(reason);
        assertThat(refusal.getMessage()).contains(message);
        assertThat(refusal.getStackTrace()).as("no stack trace for a bad frame").isEmpty();
    }

    @Test
    void refusesFramesLongerThanARadioCarries() {
        byte[] tooLong = new byte[256];
        tooLong[0] = (byte) 0xe0;

        MalformedFrameException refusal = assertThrows(MalformedFrameException.class, () -> PhyPayload.parse(tooLong));

        assertThat(refusal.reason()).isEqualTo("too-long");
        assertThat(refusal.mType()).isEqualTo(MType.PROPRIETARY);
    }

    @Test
    void reportsTheMTypeOfABadMajorButNoneForAnEmptyFrame() {
        MalformedFrameException badMajor = assertThrows(MalformedFrameException.class,
                () -> PhyPayload.parse(new byte[] {(byte) 0x83}));
        MalformedFrameException empty = assertThrows(MalformedFrameException.class,
                () -> PhyPayload.parse(new byte[0]));

        assertThat(badMajor.mType()).isEqualTo(MType.CONFIRMED_DATA_UP);
        assertThat(empty.mType()).isNull();
    }

    @Test
    void mTypesKnowTheirDirectionAndKind() {
        assertThat(MType.ofMhdr(0x40)).isEqualTo(MType.UNCONFIRMED_DATA_UP);
        assertThat(MType.ofMhdr(0xff)).isEqualTo(MType.PROPRIETARY);
        assertThat(MType.JOIN_REQUEST.isUplink()).isTrue();
        assertThat(MType.REJOIN_REQUEST.isUplink()).isTrue();
        assertThat(MType.JOIN_ACCEPT.isUplink()).isFalse();
        assertThat(MType.CONFIRMED_DATA_DOWN.isUplink()).isFalse();
        assertThat(MType.CONFIRMED_DATA_DOWN.isDataFrame()).isTrue();
        assertThat(MType.CONFIRMED_DATA_DOWN.isConfirmed()).isTrue();
        assertThat(MType.JOIN_REQUEST.isDataFrame()).isFalse();
        assertThat(MType.PROPRIETARY.code()).isEqualTo(7);
    }

    @Test
    void framesAreEqualWhenTheirBytesAre() throws Exception {
        assertThat(PhyPayload.parse(Frames.hex(DATA))).isEqualTo(PhyPayload.parse(Frames.hex(DATA)))
                .hasSameHashCodeAs(PhyPayload.parse(Frames.hex(DATA)));
    }
}
