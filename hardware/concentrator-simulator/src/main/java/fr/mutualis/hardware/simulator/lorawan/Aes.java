package fr.mutualis.hardware.simulator.lorawan;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/** One-block AES-128 encryption with the JDK's provider: the only primitive LoRaWAN 1.0 needs. */
final class Aes {

    private final Cipher cipher;

    Aes(byte[] key) {
        if (key.length != 16) {
            throw new IllegalArgumentException("AES-128 key must be 16 bytes, got " + key.length);
        }
        try {
            cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide AES/ECB/NoPadding.
            throw new IllegalStateException("AES unavailable", e);
        }
    }

    byte[] encryptBlock(byte[] block) {
        try {
            return cipher.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES block encryption failed", e);
        }
    }
}
