package fr.mutualis.gateway.lorawan;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/** Builds frames byte by byte for the tests, independently of the parser under test. */
final class Frames {

    static final HexFormat HEX = HexFormat.of();

    private Frames() {
    }

    static byte[] hex(String text) {
        return HEX.parseHex(text.toLowerCase());
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static int mhdr(MType mType) {
        return mType.code() << 5;
    }

    /** MHDR | DevAddr | FCtrl | FCnt | FOpts [| FPort | FRMPayload], without the MIC. */
    static byte[] dataWithoutMic(int mhdr, int devAddr, int fCtrlFlags, int fCnt16, byte[] fOpts, int fPort,
            byte[] frmPayload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(mhdr);
        writeLittleEndian(out, devAddr, 4);
        out.write((fCtrlFlags & 0xf0) | fOpts.length);
        writeLittleEndian(out, fCnt16, 2);
        out.writeBytes(fOpts);
        if (fPort >= 0) {
            out.write(fPort);
            out.writeBytes(frmPayload);
        }
        return out.toByteArray();
    }

    static byte[] withMic(byte[] withoutMic, int mic) {
        byte[] frame = java.util.Arrays.copyOf(withoutMic, withoutMic.length + 4);
        frame[withoutMic.length] = (byte) (mic >>> 24);
        frame[withoutMic.length + 1] = (byte) (mic >>> 16);
        frame[withoutMic.length + 2] = (byte) (mic >>> 8);
        frame[withoutMic.length + 3] = (byte) mic;
        return frame;
    }

    static byte[] joinRequestWithoutMic(int mhdr, long joinEui, long devEui, int devNonce) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(mhdr);
        writeLittleEndian(out, joinEui, 8);
        writeLittleEndian(out, devEui, 8);
        writeLittleEndian(out, devNonce, 2);
        return out.toByteArray();
    }

    /** Type 0 or 2: NetID and DevEUI; type 1: JoinEUI and DevEUI. */
    static byte[] rejoinWithoutMic(int mhdr, int rejoinType, long netIdOrJoinEui, long devEui, int rjCount) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(mhdr);
        out.write(rejoinType);
        writeLittleEndian(out, netIdOrJoinEui, rejoinType == 1 ? 8 : 3);
        writeLittleEndian(out, devEui, 8);
        writeLittleEndian(out, rjCount, 2);
        return out.toByteArray();
    }

    static int firstFour(byte[] cmac) {
        return (cmac[0] & 0xff) << 24 | (cmac[1] & 0xff) << 16 | (cmac[2] & 0xff) << 8 | cmac[3] & 0xff;
    }

    private static void writeLittleEndian(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >>> (8 * i)));
        }
    }
}
