package fr.mutualis.provisioning.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.util.Map;

/**
 * The modules of a QR code (ZXing's encoder, error correction M: readable with 15 % of it
 * damaged or glared, for a code shown on a laptop screen in a dim cabinet), without the quiet
 * zone: the renderers add it.
 */
public final class QrCode {

    /** The quiet zone that ISO/IEC 18004 asks for around the symbol, in modules. */
    public static final int QUIET_ZONE = 4;

    private final boolean[][] dark;

    private QrCode(boolean[][] dark) {
        this.dark = dark;
    }

    public static QrCode encode(String text) {
        try {
            ByteMatrix matrix = Encoder.encode(text, ErrorCorrectionLevel.M,
                    Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
            boolean[][] dark = new boolean[matrix.getHeight()][matrix.getWidth()];
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    dark[y][x] = matrix.get(x, y) == 1;
                }
            }
            return new QrCode(dark);
        } catch (WriterException e) {
            // Only text longer than a version-40 symbol holds: an enrolment URL is ~120 characters.
            throw new IllegalArgumentException("cannot encode " + text.length() + " characters as a QR code", e);
        }
    }

    /** Modules per side, without the quiet zone. */
    public int size() {
        return dark.length;
    }

    /** Whether the module is dark; anything outside the symbol (the quiet zone) is light. */
    public boolean isDark(int x, int y) {
        return x >= 0 && y >= 0 && y < dark.length && x < dark.length && dark[y][x];
    }
}
