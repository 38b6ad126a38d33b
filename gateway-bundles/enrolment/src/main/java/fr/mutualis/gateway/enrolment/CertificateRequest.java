package fr.mutualis.gateway.enrolment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;

/**
 * A PKCS#10 certificate request (RFC 2986) for an EC key, signed with ECDSA/SHA-256, whose subject
 * is just a common name (the gateway id it proposes). Written by hand in DER rather than with
 * Bouncy Castle: it is these few lines against several megabytes on a Raspberry Pi, and the test
 * suite checks the result with Bouncy Castle.
 */
public final class CertificateRequest {

    private static final byte[] OID_COMMON_NAME = {0x06, 0x03, 0x55, 0x04, 0x03};
    private static final byte[] OID_ECDSA_WITH_SHA256 = {0x06, 0x08, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};

    private CertificateRequest() {
    }

    /** The CSR in PEM. {@code commonName} may be empty: the token then names the gateway. */
    public static String pem(KeyPair keys, String commonName) throws GeneralSecurityException {
        byte[] subject = commonName == null || commonName.isEmpty() ? sequence()
                : sequence(set(sequence(OID_COMMON_NAME, tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
        byte[] info = sequence(new byte[] {0x02, 0x01, 0x00}, subject, keys.getPublic().getEncoded(), new byte[] {(byte) 0xA0, 0x00});
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(keys.getPrivate());
        signature.update(info);
        byte[] signed = signature.sign();
        byte[] bitString = new byte[signed.length + 1];
        System.arraycopy(signed, 0, bitString, 1, signed.length);
        byte[] request = sequence(info, sequence(OID_ECDSA_WITH_SHA256), tlv(0x03, bitString));
        return "-----BEGIN CERTIFICATE REQUEST-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(request)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 4);
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
