package fr.mutualis.hardware.simulator.lorawan;

/**
 * AES-CMAC as specified by RFC 4493, on top of the JDK's AES.
 *
 * <p>Written here rather than pulled from Bouncy Castle because it is forty lines over a
 * primitive the JDK already has, and the simulator should stay a small jar; the RFC's own test
 * vectors check it ({@code AesCmacTest}).
 */
public final class AesCmac {

    private static final int BLOCK = 16;
    /** The constant R_b of RFC 4493 for 128-bit blocks. */
    private static final int RB = 0x87;

    private AesCmac() {
    }

    /** The 16-byte CMAC of {@code message} under the 16-byte {@code key}. */
    public static byte[] mac(byte[] key, byte[] message) {
        Aes aes = new Aes(key);
        byte[] k1 = doubled(aes.encryptBlock(new byte[BLOCK]));
        byte[] k2 = doubled(k1);

        int blocks = Math.max(1, (message.length + BLOCK - 1) / BLOCK);
        boolean lastBlockComplete = message.length > 0 && message.length % BLOCK == 0;
        int lastOffset = (blocks - 1) * BLOCK;
        byte[] last = new byte[BLOCK];
        int lastLength = message.length - lastOffset;
        System.arraycopy(message, lastOffset, last, 0, lastLength);
        if (lastBlockComplete) {
            xorInto(last, k1);
        } else {
            last[lastLength] = (byte) 0x80; // padding: a single 1 bit, then zeros
            xorInto(last, k2);
        }

        byte[] x = new byte[BLOCK];
        for (int b = 0; b < blocks - 1; b++) {
            for (int i = 0; i < BLOCK; i++) {
                x[i] ^= message[b * BLOCK + i];
            }
            x = aes.encryptBlock(x);
        }
        xorInto(x, last);
        return aes.encryptBlock(x);
    }

    /** Multiplication by x in GF(2^128): the subkey derivation step of RFC 4493 section 2.3. */
    static byte[] doubled(byte[] block) {
        byte[] out = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            int next = i + 1 < BLOCK ? (block[i + 1] & 0xFF) >>> 7 : 0;
            out[i] = (byte) ((block[i] << 1) | next);
        }
        if ((block[0] & 0x80) != 0) {
            out[BLOCK - 1] ^= (byte) RB;
        }
        return out;
    }

    private static void xorInto(byte[] target, byte[] other) {
        for (int i = 0; i < BLOCK; i++) {
            target[i] ^= other[i];
        }
    }
}
