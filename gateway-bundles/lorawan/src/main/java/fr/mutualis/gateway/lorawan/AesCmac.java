package fr.mutualis.gateway.lorawan;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC as specified by RFC 4493, on top of the JDK's AES: the JDK has no CMAC, and a
 * dependency for some forty lines would cost more than it saves on a 64 MB gateway.
 */
final class AesCmac {

    static final int BLOCK = 16;
    /** R_128 of RFC 4493 section 2.3: the constant XORed into a subkey whose shift carried out a one. */
    private static final int RB = 0x87;

    private final Cipher aes;

    AesCmac(byte[] key) {
        this.aes = newAes(key);
    }

    /** The 16-byte CMAC of {@code message}. */
    byte[] mac(byte[] message) {
        byte[] l = encrypt(new byte[BLOCK]);
        byte[] k1 = doubled(l);
        byte[] k2 = doubled(k1);

        int blocks = Math.max(1, (message.length + BLOCK - 1) / BLOCK);
        boolean lastBlockComplete = message.length > 0 && message.length % BLOCK == 0;
        int lastOffset = (blocks - 1) * BLOCK;

        // The last block is XORed with K1 when complete, else padded with 10...0 and XORed with K2.
        byte[] last = new byte[BLOCK];
        int lastLength = message.length - lastOffset;
        System.arraycopy(message, lastOffset, last, 0, lastLength);
        if (!lastBlockComplete) {
            last[lastLength] = (byte) 0x80;
        }
        xorInto(last, 0, lastBlockComplete ? k1 : k2);

        byte[] x = new byte[BLOCK];
        for (int offset = 0; offset < lastOffset; offset += BLOCK) {
            xorInto(x, 0, message, offset);
            x = encrypt(x);
        }
        xorInto(x, 0, last);
        return encrypt(x);
    }

    /** AES-128 of one block, the building block of CMAC and of the LoRaWAN keystream. */
    byte[] encrypt(byte[] block) {
        try {
            return aes.doFinal(block, 0, BLOCK);
        } catch (GeneralSecurityException e) {
            // ECB without padding over exactly one block cannot fail.
            throw new IllegalStateException("AES failed on a single block", e);
        }
    }

    static Cipher newAes(byte[] key) {
        if (key == null || key.length != 16) {
            throw new IllegalArgumentException("an AES-128 key has 16 bytes, got "
                    + (key == null ? "null" : key.length + " bytes"));
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return cipher;
        } catch (GeneralSecurityException e) {
            // Every Java SE platform must provide AES/ECB/NoPadding.
            throw new IllegalStateException("this JDK has no AES/ECB/NoPadding", e);
        }
    }

    /** Multiplication by x in GF(2^128): the subkey generation of RFC 4493 section 2.3. */
    private static byte[] doubled(byte[] block) {
        byte[] out = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            int next = i + 1 < BLOCK ? (block[i + 1] & 0xff) >>> 7 : 0;
            out[i] = (byte) (block[i] << 1 | next);
        }
        if ((block[0] & 0x80) != 0) {
            out[BLOCK - 1] ^= (byte) RB;
        }
        return out;
    }

    private static void xorInto(byte[] target, int targetOffset, byte[] source) {
        xorInto(target, targetOffset, source, 0);
    }

    private static void xorInto(byte[] target, int targetOffset, byte[] source, int sourceOffset) {
        for (int i = 0; i < BLOCK; i++) {
            target[targetOffset + i] ^= source[sourceOffset + i];
        }
    }
}
