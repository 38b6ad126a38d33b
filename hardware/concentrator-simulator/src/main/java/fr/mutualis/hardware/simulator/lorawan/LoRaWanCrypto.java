package fr.mutualis.hardware.simulator.lorawan;

import java.util.Arrays;

/**
 * The LoRaWAN 1.0.x frame cryptography: the data-frame MIC (AES-CMAC over block B0 and the
 * message), the FRMPayload cipher (AES in counter mode over blocks A_i), and the join-request MIC.
 */
public final class LoRaWanCrypto {

    private LoRaWanCrypto() {
    }

    /**
     * MIC of a data frame: the first 4 bytes of CMAC(NwkSKey, B0 | msg), where msg is
     * MHDR | FHDR | FPort | FRMPayload and B0 binds direction, DevAddr and the full 32-bit FCnt.
     */
    public static byte[] dataMic(byte[] nwkSKey, boolean uplink, int devAddr, long fCnt, byte[] msg) {
        byte[] input = new byte[16 + msg.length];
        input[0] = 0x49;
        input[5] = (byte) (uplink ? 0 : 1);
        putLittleEndian(input, 6, devAddr, 4);
        putLittleEndian(input, 10, fCnt, 4);
        input[15] = (byte) msg.length;
        System.arraycopy(msg, 0, input, 16, msg.length);
        return Arrays.copyOf(AesCmac.mac(nwkSKey, input), 4);
    }

    /**
     * Encrypts (or, being a stream cipher, decrypts) an FRMPayload: XOR with AES(key, A_i),
     * i = 1..n. The key is the AppSKey, or the NwkSKey when FPort is 0.
     */
    public static byte[] cipherFrmPayload(byte[] key, boolean uplink, int devAddr, long fCnt, byte[] payload) {
        Aes aes = new Aes(key);
        byte[] out = new byte[payload.length];
        byte[] a = new byte[16];
        a[0] = 0x01;
        a[5] = (byte) (uplink ? 0 : 1);
        putLittleEndian(a, 6, devAddr, 4);
        putLittleEndian(a, 10, fCnt, 4);
        for (int block = 0; block * 16 < payload.length; block++) {
            a[15] = (byte) (block + 1);
            byte[] s = aes.encryptBlock(a);
            for (int i = 0; i < 16 && block * 16 + i < payload.length; i++) {
                out[block * 16 + i] = (byte) (payload[block * 16 + i] ^ s[i]);
            }
        }
        return out;
    }

    /** MIC of a join request (LoRaWAN 1.0.x): the first 4 bytes of CMAC(AppKey, MHDR | JoinEUI | DevEUI | DevNonce). */
    public static byte[] joinRequestMic(byte[] appKey, byte[] msg) {
        return Arrays.copyOf(AesCmac.mac(appKey, msg), 4);
    }

    static void putLittleEndian(byte[] target, int offset, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            target[offset + i] = (byte) (value >>> (8 * i));
        }
    }
}
