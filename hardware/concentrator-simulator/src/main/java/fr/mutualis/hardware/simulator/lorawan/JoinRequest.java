package fr.mutualis.hardware.simulator.lorawan;

import java.util.Arrays;

/** A LoRaWAN 1.0 join request: MHDR | JoinEUI | DevEUI | DevNonce (little-endian) | MIC, 23 bytes. */
public record JoinRequest(long joinEui, long devEui, int devNonce) {

    public static final int LENGTH = 23;

    public byte[] encode(byte[] appKey) {
        byte[] frame = new byte[LENGTH];
        frame[0] = (byte) MType.JOIN_REQUEST.mhdr();
        LoRaWanCrypto.putLittleEndian(frame, 1, joinEui, 8);
        LoRaWanCrypto.putLittleEndian(frame, 9, devEui, 8);
        LoRaWanCrypto.putLittleEndian(frame, 17, devNonce, 2);
        byte[] msg = Arrays.copyOf(frame, 19);
        System.arraycopy(LoRaWanCrypto.joinRequestMic(appKey, msg), 0, frame, 19, 4);
        return frame;
    }
}
