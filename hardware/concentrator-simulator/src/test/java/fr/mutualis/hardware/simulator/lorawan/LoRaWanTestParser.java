package fr.mutualis.hardware.simulator.lorawan;

import java.util.Arrays;

/**
 * An independent, strict LoRaWAN 1.0 frame reader for the tests: what a gateway's parse step
 * must accept or refuse. Written from the specification, separately from the generator.
 */
public final class LoRaWanTestParser {

    /** A parsed frame; fields that do not apply to its type are zero/null. */
    public record Parsed(int mType, int devAddr, int fCtrl, int fCnt16, byte[] fOpts, Integer fPort, byte[] frmPayload,
                         long joinEui, long devEui, byte[] mic) {
        public boolean uplink() {
            return mType == 0 || mType == 2 || mType == 4;
        }

        public boolean dataFrame() {
            return mType >= 2 && mType <= 5;
        }
    }

    /** Why the bytes are not a LoRaWAN R1 frame. */
    public static final class NotLoRaWan extends Exception {
        public NotLoRaWan(String reason) {
            super(reason);
        }
    }

    private LoRaWanTestParser() {
    }

    public static Parsed parse(byte[] frame) throws NotLoRaWan {
        if (frame.length < 1) {
            throw new NotLoRaWan("empty");
        }
        int mhdr = frame[0] & 0xFF;
        if ((mhdr & 0x03) != 0) {
            throw new NotLoRaWan("major version " + (mhdr & 0x03));
        }
        int mType = mhdr >>> 5;
        byte[] mic = Arrays.copyOfRange(frame, Math.max(0, frame.length - 4), frame.length);
        switch (mType) {
            case 0 -> {
                if (frame.length != 23) {
                    throw new NotLoRaWan("join request of " + frame.length + " bytes");
                }
                return new Parsed(0, 0, 0, 0, null, null, null, le(frame, 1, 8), le(frame, 9, 8), mic);
            }
            case 1 -> {
                if (frame.length != 17 && frame.length != 33) {
                    throw new NotLoRaWan("join accept of " + frame.length + " bytes");
                }
                return new Parsed(1, 0, 0, 0, null, null, null, 0, 0, mic);
            }
            case 2, 3, 4, 5 -> {
                if (frame.length < 12) {
                    throw new NotLoRaWan("data frame of " + frame.length + " bytes");
                }
                int fCtrl = frame[5] & 0xFF;
                int fOptsLen = fCtrl & 0x0F;
                int afterHeader = 8 + fOptsLen;
                if (afterHeader + 4 > frame.length) {
                    throw new NotLoRaWan("FOptsLen " + fOptsLen + " overflows a frame of " + frame.length + " bytes");
                }
                byte[] fOpts = Arrays.copyOfRange(frame, 8, afterHeader);
                Integer fPort = null;
                byte[] payload = new byte[0];
                if (afterHeader + 4 < frame.length) {
                    fPort = frame[afterHeader] & 0xFF;
                    payload = Arrays.copyOfRange(frame, afterHeader + 1, frame.length - 4);
                }
                return new Parsed(mType, (int) le(frame, 1, 4), fCtrl, (int) le(frame, 6, 2), fOpts, fPort, payload, 0, 0, mic);
            }
            default -> throw new NotLoRaWan("MType " + mType + " (rejoin or proprietary) not expected");
        }
    }

    private static long le(byte[] b, int offset, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = (value << 8) | (b[offset + i] & 0xFF);
        }
        return value;
    }
}
