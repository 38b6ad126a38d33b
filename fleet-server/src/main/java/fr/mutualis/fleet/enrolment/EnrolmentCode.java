package fr.mutualis.fleet.enrolment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * The secret of an enrolment token, short enough to type on a phone: 12 symbols of Crockford's
 * base 32 (no I, L, O or U, so nothing reads as another symbol), shown as {@code K7QM-2XWD-9H11}.
 * That is 60 random bits; with a lifetime of hours, single use and a rate-limited endpoint, that is
 * beyond guessing. Typing is forgiving: lower case, spaces, missing dashes, O for 0 and I or L for 1.
 */
final class EnrolmentCode {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    static final int LENGTH = 12;

    private EnrolmentCode() {
    }

    static String generate(SecureRandom random) {
        StringBuilder code = new StringBuilder(LENGTH + 2);
        for (int i = 0; i < LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }

    /**
     * The canonical form of a typed code.
     *
     * @throws IllegalArgumentException when it is not 12 symbols of the alphabet
     */
    static String normalize(String typed) {
        if (typed == null) {
            throw new IllegalArgumentException("the enrolment code is missing");
        }
        StringBuilder canonical = new StringBuilder(LENGTH);
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || Character.isWhitespace(c)) {
                continue;
            }
            char symbol = switch (c) {
                case 'O' -> '0';
                case 'I', 'L' -> '1';
                default -> c;
            };
            if (new String(ALPHABET).indexOf(symbol) < 0) {
                throw new IllegalArgumentException("an enrolment code has only digits and letters (without I, L, O, U), got '"
                        + c + "'");
            }
            canonical.append(symbol);
        }
        if (canonical.length() != LENGTH) {
            throw new IllegalArgumentException("an enrolment code has " + LENGTH + " symbols (like K7QM-2XWD-9H11), got "
                    + canonical.length());
        }
        return canonical.toString();
    }

    /** What the database keeps: the SHA-256 of the canonical form. */
    static byte[] hash(String typed) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(normalize(typed).getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
