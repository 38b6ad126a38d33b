package fr.mutualis.gateway.decoding;

/**
 * Decodes the application payload of one device class (one product and payload format).
 *
 * <p>Implementations are stateless and thread-safe: one instance serves every device of its class.
 * They must answer every input with either a {@link DecodedPayload} or a
 * {@link PayloadDecodingException}; no other exception may escape, whatever the bytes and the port,
 * because the input comes from the radio.
 */
public interface PayloadDecoder {

    /** The configuration name of the device class, lower case with dashes, e.g. {@code qalcosonic-w1}. */
    String deviceClass();

    /**
     * Decodes one decrypted uplink payload.
     *
     * @param fPort the LoRaWAN FPort of the uplink, 0 to 255
     * @param plaintext the decrypted FRMPayload; not modified, must not be null
     * @return the typed values of the message
     * @throws PayloadDecodingException if the frame does not follow the documented format; its
     *     {@link PayloadDecodingException#reason() reason} says why
     */
    DecodedPayload decode(int fPort, byte[] plaintext) throws PayloadDecodingException;
}
